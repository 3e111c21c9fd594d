"""Sent campaigns and subscription changes are announced to webhooks — without personal data."""

from django.urls import reverse

from campaigns.addresses import email_hash
from campaigns.models import Subscriber
from campaigns.sending.inline import send_inline
from page_types.models import WebhookEndpoint
from tests.campaigns.subscribing import confirm_token, signup_data
from tests.page_types.webhooks import receiver as receiving
from tests.page_types.webhooks.receiver import verify

# The loopback receiver and the synchronous worker of the webhook tests.
receiver = receiving.receiver
worker = receiving.worker


def test_a_sent_campaign_is_announced_once_with_its_channel_and_count(
    newsletter,
    smtp_sink,
    receiver,
    worker,
    django_capture_on_commit_callbacks,
):
    endpoint = WebhookEndpoint.objects.create(name="Portal", url=receiver.url, events=["campaign.sent"])
    with django_capture_on_commit_callbacks(execute=True):
        send_inline(newsletter.campaign.pk)
    [message] = receiver.received
    payload = verify(endpoint.secret, message.headers, message.body)
    assert payload["type"] == "campaign.sent"
    assert payload["data"]["id"] == newsletter.campaign.pk
    assert payload["data"]["channel"] == "wirtschaft-mint"
    assert payload["data"]["sent"] == len(newsletter.readers)
    for reader in newsletter.readers.values():
        assert reader.email.encode() not in message.body


def test_a_confirmed_sign_up_is_announced_without_anything_about_the_person(
    visitor,
    newsletter_channels,
    inline_mail,
    receiver,
    worker,
    django_capture_on_commit_callbacks,
):
    endpoint = WebhookEndpoint.objects.create(
        name="Portal", url=receiver.url, events=["subscriber.confirmed", "subscriber.unsubscribed"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/newsletter/", signup_data("lena@example.org", name="Lena Muster"))
    assert receiver.received == [], "a sign-up waiting for its confirmation is not announced"
    subscriber = Subscriber.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)}))
    [message] = receiver.received
    payload = verify(endpoint.secret, message.headers, message.body)
    assert payload["type"] == "subscriber.confirmed"
    assert set(payload["data"]) == {"channel", "source", "occurred_at"}
    assert (payload["data"]["channel"], payload["data"]["source"]) == ("mint-update", "form")
    for personal in (b"lena", b"Muster", email_hash("lena@example.org").encode()):
        assert personal not in message.body


def test_the_endpoint_form_offers_the_campaign_events(admin_client):
    form = admin_client.get(reverse("page_types_webhookendpoint:add")).content.decode()
    for event in ("campaign.sent", "subscriber.confirmed", "subscriber.unsubscribed", "subscriber.erased"):
        assert f'value="{event}"' in form

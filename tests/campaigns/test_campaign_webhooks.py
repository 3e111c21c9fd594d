"""Provider webhooks (django-anymail): a bounce or complaint suppresses the address and ends its
subscriptions; opens and clicks change nothing."""

import base64
import json

import pytest

from campaigns.addresses import email_hash
from campaigns.models import Delivery, Subscription, Suppression
from tests.campaigns.engine import make_campaign, make_reader

SECRET = "hook:geheim"


@pytest.fixture
def reader(newsletter_channels, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    channel = newsletter_channels["mint"]
    subscriber = make_reader(channel, "leser@example.org")
    Delivery.objects.create(campaign=make_campaign(channel), subscriber=subscriber, message_id="pm-123")
    return subscriber


def post_event(client, payload: dict, esp: str = "postmark"):
    auth = base64.b64encode(SECRET.encode()).decode()
    return client.post(
        f"/webhooks/anymail/{esp}/tracking/",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )


def suppressed(address: str) -> bool:
    return Suppression.objects.filter(email_hash=email_hash(address)).exists()


def test_hard_bounce_suppresses_and_marks_the_delivery(client, reader):
    payload = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "Email": "leser@example.org",
        "MessageID": "pm-123",
        "Description": "Unbekanntes Postfach",
    }
    assert post_event(client, payload).status_code == 200

    assert suppressed("leser@example.org")
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.BOUNCED
    assert Delivery.objects.get(subscriber=reader).bounced


# Postmark's and Brevo's soft bounces as they post them; anymail reports both as "bounced".
SOFT_BOUNCES = {
    "postmark": {
        "RecordType": "Bounce",
        "ID": 4323372036,
        "Type": "SoftBounce",
        "TypeCode": 4096,
        "Name": "Soft bounce",
        "MessageID": "pm-123",
        "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
        "Details": "smtp;452 4.2.2 mailbox full",
        "Email": "leser@example.org",
        "BouncedAt": "2026-11-26T21:10:03Z",
        "Inactive": False,
        "CanActivate": True,
    },
    "brevo": {
        "event": "soft_bounce",
        "email": "leser@example.org",
        "id": 123456,
        "date": "2026-11-26 22:10:03",
        "ts_epoch": 1795731003000,
        "message-id": "pm-123",
        "reason": "452 4.2.2 Mailbox full",
    },
}


@pytest.mark.parametrize("esp", SOFT_BOUNCES)
def test_soft_bounce_marks_the_delivery_but_keeps_the_address(client, reader, esp):
    assert post_event(client, SOFT_BOUNCES[esp], esp).status_code == 200

    assert Delivery.objects.get(subscriber=reader).bounced
    assert not suppressed("leser@example.org")
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.ACTIVE


def test_brevo_hard_bounce_suppresses(client, reader):
    payload = {**SOFT_BOUNCES["brevo"], "event": "hard_bounce", "reason": "550 5.1.1 User unknown"}
    assert post_event(client, payload, "brevo").status_code == 200

    assert suppressed("leser@example.org")


def test_complaint_suppresses(client, reader):
    payload = {"RecordType": "SpamComplaint", "Type": "SpamComplaint", "Email": "leser@example.org"}
    assert post_event(client, payload).status_code == 200

    assert suppressed("leser@example.org")
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.COMPLAINED


def test_opens_change_nothing(client, reader):
    payload = {"RecordType": "Open", "Recipient": "leser@example.org", "MessageID": "pm-123"}
    assert post_event(client, payload).status_code == 200

    assert not suppressed("leser@example.org")
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.ACTIVE


def test_webhook_needs_the_secret(client, reader):
    response = client.post(
        "/webhooks/anymail/postmark/tracking/",
        data=json.dumps({"RecordType": "Bounce", "Type": "HardBounce", "Email": "leser@example.org"}),
        content_type="application/json",
    )
    assert response.status_code in (400, 401, 403)
    assert not suppressed("leser@example.org")

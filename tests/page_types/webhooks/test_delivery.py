"""Signed delivery after the Standard Webhooks specification, with retries and exponential back-off."""

import base64
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import override_settings
from django_q.models import OrmQ, Schedule

from page_types.models import WebhookDelivery, WebhookEndpoint
from page_types.public_urls import public_base_url
from page_types.webhooks import events
from page_types.webhooks.delivery import TEST_EVENT, deliver, send_test
from page_types.webhooks.signing import signature
from tests.factories import make_offer
from tests.page_types.webhooks.receiver import verify

Status = WebhookDelivery.Status


def test_the_signature_matches_the_example_of_the_specification():
    # The example of the Standard Webhooks reference libraries (standard-webhooks/standard-webhooks).
    assert (
        signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            '{"test": 2432232314}',
        )
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


def test_a_new_endpoint_gets_its_own_secret_in_the_specified_form(db):
    first = WebhookEndpoint.objects.create(name="a", url="https://a.example/hook")
    second = WebhookEndpoint.objects.create(name="b", url="https://b.example/hook")
    assert first.secret.startswith("whsec_") and second.secret.startswith("whsec_")
    assert first.secret != second.secret
    assert len(base64.b64decode(first.secret.removeprefix("whsec_"))) >= 24


def test_a_published_page_reaches_the_receiver_signed_and_verifiable(
    site, endpoint, receiver, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = make_offer(site["mint"], "Roboter bauen", municipalities=["ludwigsburg"])
    [message] = receiver.received
    payload = verify(endpoint.secret, message.headers, message.body)
    assert payload["type"] == "page.published"
    assert payload["data"]["id"] == offer.pk
    assert payload["data"]["type"] == "page_types.MintOfferPage"
    assert payload["data"]["locale"] == "de"
    assert payload["data"]["html_path"] == "/mint/roboter-bauen/"
    assert payload["data"]["html_url"] == f"{public_base_url()}/mint/roboter-bauen/"
    assert payload["data"]["parent_path"] == "/mint/"
    assert {"pages", f"page:{offer.pk}", f"parent:{site['mint'].pk}", "municipality:ludwigsburg"} <= set(
        payload["data"]["tags"]
    )
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (Status.DELIVERED, 1, 204)
    assert message.headers["webhook-id"] == delivery.message_id


def test_a_tampered_body_fails_the_independent_verification(site, endpoint, receiver, worker):
    events.queue("page.published", events.message_body("page.published", {"id": 1}))
    [message] = receiver.received
    with pytest.raises(ValueError, match="no valid signature"):
        verify(endpoint.secret, message.headers, message.body.replace(b'"id":1', b'"id":2'))
    with pytest.raises(ValueError, match="no valid signature"):
        verify("whsec_" + "A" * 44, message.headers, message.body)


def test_publishing_only_queues_the_message_and_never_waits_for_the_receiver(
    site, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(site["mint"])
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == Status.PENDING and delivery.attempts == 0
    assert OrmQ.objects.count() == 1


def test_a_rolled_back_change_announces_nothing(
    site, endpoint, receiver, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        make_offer(site["mint"])
        raise RuntimeError
    assert receiver.received == [] and not WebhookDelivery.objects.exists()


def test_only_active_endpoints_that_chose_the_event_receive_it(site, endpoint, receiver, worker):
    WebhookEndpoint.objects.create(name="aus", url=receiver.url, events=["page.published"], active=False)
    WebhookEndpoint.objects.create(name="andere", url=receiver.url, events=["page.deleted"])
    events.queue("page.published", events.message_body("page.published", {"id": 1}))
    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.get().endpoint == endpoint


@override_settings(PAGE_TYPES_WEBHOOK_RETRY_DELAY=30, PAGE_TYPES_WEBHOOK_MAX_ATTEMPTS=3)
def test_a_failing_receiver_is_retried_with_doubling_delays_then_given_up(site, endpoint, receiver):
    receiver.status = 503
    events.queue("page.published", events.message_body("page.published", {"id": 1}))
    delivery = WebhookDelivery.objects.get()

    assert deliver(delivery.pk) == Status.PENDING
    delivery.refresh_from_db()
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=30)
    retry = Schedule.objects.get(name=f"webhook-delivery-{delivery.pk}")
    assert (retry.func, retry.args) == (events.TASK_DELIVER, repr(delivery.pk))
    assert retry.next_run == delivery.next_attempt_at
    assert "503" in delivery.error

    assert deliver(delivery.pk) == Status.PENDING
    delivery.refresh_from_db()
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=60)

    assert deliver(delivery.pk) == Status.FAILED
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.next_attempt_at) == (3, None)
    ids = {message.headers["webhook-id"] for message in receiver.received}
    assert len(receiver.received) == 3 and ids == {delivery.message_id}
    for message in receiver.received:
        verify(endpoint.secret, message.headers, message.body)
    # A delivered or failed message is never sent again, even if a stale schedule fires.
    assert deliver(delivery.pk) == Status.FAILED and len(receiver.received) == 3


def test_a_retry_after_recovery_delivers(site, endpoint, receiver):
    receiver.status = 500
    events.queue("page.published", events.message_body("page.published", {"id": 1}))
    delivery = WebhookDelivery.objects.get()
    deliver(delivery.pk)
    receiver.status = 200
    assert deliver(delivery.pk) == Status.DELIVERED
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.error, delivery.next_attempt_at) == (2, "", None)


def test_a_redirect_is_not_followed_and_counts_as_failed(site, endpoint, receiver):
    receiver.status = 302
    events.queue("page.published", events.message_body("page.published", {"id": 1}))
    delivery = WebhookDelivery.objects.get()
    assert deliver(delivery.pk) == Status.PENDING
    assert len(receiver.received) == 1


def test_an_unreachable_receiver_is_logged_not_raised(db):
    endpoint = WebhookEndpoint.objects.create(name="weg", url="http://127.0.0.1:9/hook")
    delivery = send_test(endpoint)
    assert delivery.status == Status.FAILED and delivery.response_status is None
    assert "ConnectionError" in delivery.error


def test_a_deactivated_endpoint_gets_no_further_attempts(site, endpoint, receiver):
    events.queue("page.published", events.message_body("page.published", {"id": 1}))
    WebhookEndpoint.objects.update(active=False)
    assert deliver(WebhookDelivery.objects.get().pk) == Status.FAILED
    assert receiver.received == []


def test_the_test_message_is_sent_at_once(endpoint, receiver):
    delivery = send_test(endpoint)
    assert delivery.status == Status.DELIVERED
    [message] = receiver.received
    assert verify(endpoint.secret, message.headers, message.body)["type"] == TEST_EVENT

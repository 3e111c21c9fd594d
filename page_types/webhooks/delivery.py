"""Posting a message to its endpoint: one signed attempt at a time, logged, retried with exponential back-off.

``deliver`` is the django-q2 task. A failed attempt (no answer in time, a redirect, any status outside 2xx)
schedules the next one with a django-q2 schedule that runs once, after ``PAGE_TYPES_WEBHOOK_RETRY_DELAY``,
then twice, four times … as long; after ``PAGE_TYPES_WEBHOOK_MAX_ATTEMPTS`` the message is logged as failed.
"""

from datetime import datetime

import requests
from django.utils import timezone
from django.utils.translation import gettext
from django_q.models import Schedule

from page_types import app_settings
from page_types.models.webhooks import WebhookDelivery, WebhookEndpoint
from page_types.webhooks.events import TASK_DELIVER, message_body, new_delivery
from page_types.webhooks.signing import signed_headers

Status = WebhookDelivery.Status
TEST_EVENT = "webhook.test"
ERROR_LENGTH = 300


def deliver(delivery_id: int) -> str:
    """Attempt a pending message once; schedule the next attempt or give up. Returns the new status."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Status.PENDING:
        return "" if delivery is None else delivery.status
    if not delivery.endpoint.active:
        delivery.status, delivery.error = Status.FAILED, gettext("Der Webhook ist deaktiviert.")
    else:
        attempt(delivery)
    if delivery.status == Status.PENDING:
        if delivery.attempts >= app_settings.webhook_max_attempts():
            delivery.status, delivery.next_attempt_at = Status.FAILED, None
        else:
            delivery.next_attempt_at = delivery.last_attempt_at + retry_delay(delivery.attempts)
            schedule_retry(delivery.pk, delivery.next_attempt_at)
    delivery.save()
    return delivery.status


def retry_delay(attempts: int):
    """The wait after the ``attempts``-th failed attempt: the configured delay, doubled each time."""
    return app_settings.webhook_retry_delay() * 2 ** (attempts - 1)


def schedule_retry(delivery_id: int, when: datetime) -> None:
    Schedule.objects.update_or_create(
        name=f"webhook-delivery-{delivery_id}",
        defaults={
            "func": TASK_DELIVER,
            "args": repr(delivery_id),
            "schedule_type": Schedule.ONCE,
            "repeats": -1,
            "next_run": when,
        },
    )


def attempt(delivery: WebhookDelivery) -> None:
    """Post the message once, signed for this moment, and note the outcome on ``delivery`` (unsaved)."""
    now = timezone.now()
    timestamp = int(now.timestamp())
    headers = signed_headers(delivery.endpoint.secret, delivery.message_id, timestamp, delivery.body)
    delivery.attempts += 1
    delivery.last_attempt_at = now
    try:
        with requests.post(
            delivery.endpoint.url,
            data=delivery.body.encode(),
            headers=headers,
            timeout=app_settings.webhook_timeout(),
            allow_redirects=False,
            stream=True,
        ) as response:
            delivery.response_status = response.status_code
    except requests.RequestException as error:
        delivery.response_status = None
        delivery.error = f"{error.__class__.__name__}: {error}"[:ERROR_LENGTH]
        return
    if 200 <= delivery.response_status < 300:
        delivery.status, delivery.error, delivery.next_attempt_at = Status.DELIVERED, "", None
    else:
        delivery.error = gettext("Der Empfänger antwortete mit Status %(status)s.") % {
            "status": delivery.response_status
        }


def send_test(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Send a ``webhook.test`` message at once, without retries, so the operator sees the outcome."""
    delivery = new_delivery(endpoint, TEST_EVENT, message_body(TEST_EVENT, {"endpoint": endpoint.name}))
    attempt(delivery)
    if delivery.status == Status.PENDING:
        delivery.status = Status.FAILED
    delivery.save()
    return delivery

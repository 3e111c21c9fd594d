"""The events webhooks announce, and how an announcement becomes one queued message per endpoint.

Each plugin registers the events it announces (``register``), so that the endpoint form offers them all;
``announce`` is called while the change is being made and queues the messages only once its transaction
commits — a rolled-back change announces nothing, and the editor never waits for a receiver.
"""

import json
import uuid
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django_q.tasks import async_task

from page_types.models.webhooks import WebhookDelivery, WebhookEndpoint

TASK_DELIVER = "page_types.webhooks.delivery.deliver"
TASK_GROUP = "webhooks"

_events: dict[str, Promise | str] = {}


def register(event_type: str, label: Promise | str) -> None:
    """Offer ``event_type`` to the endpoints (``page.published``, ``campaign.sent``, …)."""
    _events[event_type] = label


def choices() -> list[tuple[str, Promise | str]]:
    """The registered events, for the endpoint form."""
    return sorted(_events.items())


def message_body(event_type: str, data: dict[str, Any]) -> str:
    """The JSON body the specification recommends: ``type``, ``timestamp`` and the event's ``data``."""
    payload = {"type": event_type, "timestamp": timezone.now().isoformat(), "data": data}
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def new_delivery(endpoint: WebhookEndpoint, event_type: str, body: str) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        endpoint=endpoint, message_id=f"msg_{uuid.uuid4().hex}", event_type=event_type, body=body
    )


def announce(event_type: str, data: dict[str, Any]) -> None:
    """Queue ``event_type`` with ``data`` for every active endpoint that subscribes to it, on commit."""
    body = message_body(event_type, data)
    transaction.on_commit(lambda: queue(event_type, body))


def queue(event_type: str, body: str) -> None:
    """Log one message per subscribed endpoint and queue its delivery."""
    for endpoint in WebhookEndpoint.objects.filter(active=True):
        if endpoint.wants(event_type):
            async_task(TASK_DELIVER, new_delivery(endpoint, event_type, body).pk, group=TASK_GROUP)

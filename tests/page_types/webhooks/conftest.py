"""Fixtures of the webhook tests: a receiver on loopback and an endpoint that points at it."""

import pytest

from page_types.models import WebhookEndpoint
from page_types.webhooks import page_events
from tests.page_types.webhooks.receiver import receiver, worker  # noqa: F401

PAGE_EVENTS = [page_events.PUBLISHED, page_events.UNPUBLISHED, page_events.DELETED]


@pytest.fixture
def endpoint(db, receiver) -> WebhookEndpoint:  # noqa: F811
    return WebhookEndpoint.objects.create(name="Gemeinde-Website", url=receiver.url, events=PAGE_EVENTS)

"""Fixtures of the webhook tests: a receiver on loopback and an endpoint that points at it."""

import pytest
from django_q.conf import Conf

from page_types.models import WebhookEndpoint
from page_types.webhooks import page_events
from tests.page_types.webhooks.receiver import Receiver

PAGE_EVENTS = [page_events.PUBLISHED, page_events.UNPUBLISHED, page_events.DELETED]


@pytest.fixture
def receiver():
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def endpoint(db, receiver) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(name="Gemeinde-Website", url=receiver.url, events=PAGE_EVENTS)


@pytest.fixture
def worker(monkeypatch):
    """The task queue runs each task at once, as a worker would (django-q2's synchronous mode)."""
    monkeypatch.setattr(Conf, "SYNC", True)

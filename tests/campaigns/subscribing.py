"""Fixtures and helpers for the subscription tests (imported by those modules).

Every test gets its own client address, so the per-client rate limit of one test never spills into
another, whichever cache backend runs.
"""

import itertools
import random
import re

import pytest
from django.test import Client
from django.utils.module_loading import import_string
from django_q.models import OrmQ

from campaigns.models import Channel, SignupRequest, Subscriber
from campaigns.tokens import CONFIRM, make_token

_addresses = itertools.count(1)
_run = random.randrange(256)


def unique_ip() -> str:
    n = next(_addresses)
    return f"10.{_run}.{n // 256 % 256}.{n % 256}"


@pytest.fixture
def visitor() -> Client:
    """A browser without cookies from a fresh client address."""
    return Client(REMOTE_ADDR=unique_ip())


@pytest.fixture
def newsletter_channels(db) -> dict[str, Channel]:
    """Two public channels and an internal one."""
    return {
        "mint": Channel.objects.create(name="MINT-Update", slug="mint-update", sort_order=1),
        "wirtschaft": Channel.objects.create(
            name="Wirtschaft im Landkreis", slug="wirtschaft-im-landkreis", sort_order=2
        ),
        "intern": Channel.objects.create(name="Intern", slug="intern", is_public=False, sort_order=3),
    }


@pytest.fixture
def inline_mail(settings):
    """Confirmation mails are sent within the request instead of by a django-q2 worker."""
    settings.CAMPAIGNS_QUEUE_CONFIRMATION_MAILS = False


def signup_data(email: str = "lena@example.org", **overrides) -> dict:
    """A valid sign-up as the form posts it."""
    data = {"email": email, "channels": ["mint-update"], "consent": "on", "consent_version": "2025-01"}
    data.update(overrides)
    return data


def link_in(body: str, name: str) -> str:
    """The path of the first ``/newsletter/<name>/<token>/`` link in a mail body (with a language prefix such
    as ``/en/`` where the mail is in another language)."""
    match = re.search(rf"https?://[^/\s]+(/(?:[a-z]{{2}}/)?newsletter/{name}/[^/\s]+/)", body)
    assert match, body
    return match.group(1)


def run_queued_tasks() -> int:
    """Do what a django-q2 worker does with the ORM broker's queue: run each task once, then drop it.
    Returns how many ran (tasks they queue run as well)."""
    ran = 0
    while queued := OrmQ.objects.order_by("pk").first():
        task = queued.task
        queued.delete()
        import_string(task["func"])(*task["args"], **task["kwargs"])
        ran += 1
    return ran


def confirm_token(subscriber: Subscriber) -> str:
    """The token of the confirmation link mailed for the subscriber's latest waiting sign-up request."""
    request = subscriber.signup_requests.filter(status=SignupRequest.Status.OPEN).latest("pk")
    return make_token(subscriber, CONFIRM, request.pk)

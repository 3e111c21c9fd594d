"""The per-client rate limit answers 429 in German, on the form and the API, with local memory and Redis; only
valid sign-ups count, and ``Retry-After`` tells the seconds left in the window."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.test import Client

from campaigns.models import Subscriber
from tests.campaigns.subscribing import signup_data, unique_ip
from tests.clock import Clock
from tests.services import redis_url

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(params=["locmem", pytest.param("redis", marks=pytest.mark.needs_redis)])
def cache_backend(request, settings):
    """The default cache as local memory or Redis (a per-run key prefix keeps a shared Redis clean)."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url(),
                "KEY_PREFIX": settings.REDIS_KEY_PREFIX,
            }
        }
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": uuid.uuid4().hex,
            }
        }
    settings.CAMPAIGNS_SIGNUP_RATE_LIMIT = LIMIT
    return request.param


def test_form_signups_beyond_the_limit_get_429_and_are_not_stored(cache_backend, newsletter_channels):
    client = Client(REMOTE_ADDR=unique_ip())
    for n in range(LIMIT):
        assert client.post("/newsletter/", signup_data(f"person{n}@example.org")).status_code == 303
    refused = client.post("/newsletter/", signup_data("zu-viel@example.org"))
    assert refused.status_code == 429
    assert "Zu viele Anfragen" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert not Subscriber.objects.filter(email="zu-viel@example.org").exists()
    assert (
        Client(REMOTE_ADDR=unique_ip()).post("/newsletter/", signup_data("andere@example.org")).status_code
        == 303
    )


def test_api_signups_beyond_the_limit_get_429_json(cache_backend, newsletter_channels):
    client = Client(REMOTE_ADDR=unique_ip())
    body = {"email": "a@example.org", "channels": ["mint-update"], "consent": True}
    codes = [
        client.post("/api/subscriptions", body, content_type="application/json").status_code for _ in range(4)
    ]
    assert codes == [202, 202, 202, 429]
    refused = client.post("/api/subscriptions", body, content_type="application/json")
    assert refused.json()["detail"].startswith("Zu viele Anmeldungen")
    assert "Retry-After" in refused


def test_an_ipv6_network_shares_one_limit(cache_backend, newsletter_channels):
    prefix = f"2001:db8:{uuid.uuid4().int % 65536:x}:1::"
    codes = [
        Client(REMOTE_ADDR=f"{prefix}{n}").post("/newsletter/", signup_data(f"p{n}@example.org")).status_code
        for n in range(LIMIT + 1)
    ]
    assert codes == [303] * LIMIT + [429]


def test_forwarded_for_counts_only_behind_configured_proxies(cache_backend, newsletter_channels, settings):
    proxy = unique_ip()
    spoofing = Client(REMOTE_ADDR=proxy)
    codes = {
        spoofing.post(
            "/newsletter/", signup_data(f"p{n}@example.org"), HTTP_X_FORWARDED_FOR=unique_ip()
        ).status_code
        for n in range(LIMIT + 1)
    }
    assert 429 in codes, "without trusted proxies a forged X-Forwarded-For must not dodge the limit"

    settings.CAMPAIGNS_TRUSTED_PROXIES = 1
    behind_proxy = Client(REMOTE_ADDR=proxy)
    for n in range(LIMIT + 1):
        forwarded = f"203.0.113.9, {unique_ip()}"
        response = behind_proxy.post(
            "/newsletter/", signup_data(f"q{n}@example.org"), HTTP_X_FORWARDED_FOR=forwarded
        )
        assert response.status_code == 303


@dataclass(frozen=True)
class Caller:
    """One of the two ways to sign up: what it answers to a valid and to an invalid sign-up."""

    accepted: int
    refused_as_invalid: int
    form: bool

    def sign_up(self, client: Client, n: int, *, valid: bool = True):
        email = f"person{n}@example.org" if valid else "keine-adresse"
        if self.form:
            return client.post("/newsletter/", signup_data(email))
        body = {"email": email, "channels": ["mint-update"], "consent": True}
        return client.post("/api/subscriptions", body, content_type="application/json")


CALLERS = {"form": Caller(303, 400, form=True), "api": Caller(202, 422, form=False)}
WINDOW = 600


@pytest.fixture(params=CALLERS)
def caller(request, settings) -> Caller:
    settings.CAMPAIGNS_SIGNUP_RATE_WINDOW = WINDOW
    return CALLERS[request.param]


@pytest.fixture
def clock() -> Clock:
    """The time, 100 seconds into a window of the limit, moved by the test."""
    window_start = int(datetime.now(UTC).timestamp()) // WINDOW * WINDOW
    clock = Clock(datetime.fromtimestamp(window_start + 100, UTC))
    with mock.patch("django.utils.timezone.now", clock):
        yield clock


def test_invalid_sign_ups_do_not_count(cache_backend, newsletter_channels, caller):
    client = Client(REMOTE_ADDR=unique_ip())
    for n in range(2 * LIMIT):
        assert caller.sign_up(client, n, valid=False).status_code == caller.refused_as_invalid
    codes = [caller.sign_up(client, n).status_code for n in range(LIMIT + 1)]
    assert codes == [caller.accepted] * LIMIT + [429]


def test_retry_after_is_the_time_left_in_the_window(cache_backend, newsletter_channels, caller, clock):
    client = Client(REMOTE_ADDR=unique_ip())
    for n in range(LIMIT):
        assert caller.sign_up(client, n).status_code == caller.accepted
    refused = caller.sign_up(client, LIMIT)
    assert (refused.status_code, refused["Retry-After"]) == (429, str(WINDOW - 100))

    clock.advance(250)
    refused = caller.sign_up(client, LIMIT + 1)
    assert (refused.status_code, refused["Retry-After"]) == (429, str(WINDOW - 350))
    assert caller.sign_up(client, LIMIT + 2, valid=False).status_code == 429, "no probing once refused"

    clock.advance(WINDOW - 350)
    assert caller.sign_up(client, LIMIT + 3).status_code == caller.accepted, "a new window, a new budget"

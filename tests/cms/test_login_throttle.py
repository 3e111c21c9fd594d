"""Admin login is throttled: after too many failures for one account, or from one client, further tries
get 429 without their password being checked — the right password included — until the window ends."""

import pytest
from django.core.cache import cache
from django.test import Client

from cms import login_throttle
from tests.campaigns.subscribing import unique_ip

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redaktion", "r@example.org", "richtig-und-lang")


def attempt(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_an_account_is_locked_after_its_failures_whichever_client_tries(editor, settings):
    for _try in range(login_throttle.FAILURES_PER_ACCOUNT):
        assert attempt(Client(REMOTE_ADDR=unique_ip()), "redaktion", "falsch").status_code == 200
    locked = attempt(Client(REMOTE_ADDR=unique_ip()), "Redaktion", "richtig-und-lang")
    assert locked.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in locked.content.decode()
    assert "_auth_user_id" not in locked.wsgi_request.session

    cache.clear()  # the window ended
    assert attempt(Client(REMOTE_ADDR=unique_ip()), "redaktion", "richtig-und-lang").status_code == 302


def test_a_client_is_locked_after_its_failures_on_any_account(editor):
    guesser = Client(REMOTE_ADDR=unique_ip())
    for number in range(login_throttle.FAILURES_PER_CLIENT):
        attempt(guesser, f"konto-{number}", "passwort")
    assert attempt(guesser, "redaktion", "richtig-und-lang").status_code == 429
    assert attempt(Client(REMOTE_ADDR=unique_ip()), "redaktion", "richtig-und-lang").status_code == 302


def test_a_successful_login_is_not_counted(editor):
    for _try in range(login_throttle.FAILURES_PER_ACCOUNT + 1):
        client = Client(REMOTE_ADDR=unique_ip())
        assert attempt(client, "redaktion", "richtig-und-lang").status_code == 302

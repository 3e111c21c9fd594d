"""An unsafe production configuration refuses to start: with ``DEBUG`` off each development default still in
place is a system-check error naming the variable to set — for every command and for the web process."""

import pytest
from django.test import override_settings

from cms.checks import production_configuration
from tests.processes import manage, production_env, run_django

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")

SAFE = {
    "DEBUG": False,
    "DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql"}},
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}},
    "EMAIL_BACKEND": "anymail.backends.postmark.EmailBackend",
    "DEFAULT_FROM_EMAIL": "Landkreis <newsletter@leuchtturm.landkreis-ludwigsburg.de>",
    "CAMPAIGNS_FROM_EMAIL": None,
    "WAGTAILADMIN_BASE_URL": "https://leuchtturm.landkreis-ludwigsburg.de",
    "PAGE_TYPES_PUBLIC_BASE_URL": None,
    "ALLOWED_HOSTS": ["leuchtturm.landkreis-ludwigsburg.de"],
    "ALLOW_SQLITE_IN_PRODUCTION": False,
}


def ids(**changes) -> list[str]:
    with override_settings(**{**SAFE, **changes}):
        return [message.id for message in production_configuration()]


def test_a_production_configuration_passes():
    assert ids() == []


@pytest.mark.parametrize(
    ("changes", "check_id"),
    [
        ({"DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3"}}}, "cms.E001"),
        ({"CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}}, "cms.E002"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}, "cms.E003"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "cms.E003"),
        ({"DEFAULT_FROM_EMAIL": "Newsletter <newsletter@localhost>"}, "cms.E004"),
        ({"CAMPAIGNS_FROM_EMAIL": "news@127.0.0.1"}, "cms.E004"),
        ({"WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000"}, "cms.E005"),
        ({"PAGE_TYPES_PUBLIC_BASE_URL": "http://localhost"}, "cms.E005"),
        ({"ALLOWED_HOSTS": []}, "cms.E006"),
    ],
)
def test_each_development_default_is_an_error(changes, check_id):
    assert ids(**changes) == [check_id]


def test_the_renamed_base_url_variable_is_refused_rather_than_ignored(monkeypatch):
    monkeypatch.setenv("CAMPAIGNS_PUBLIC_BASE_URL", "https://leuchtturm.landkreis-ludwigsburg.de")
    assert ids() == ["cms.E007"]


def test_sqlite_only_on_purpose_and_anything_goes_in_development():
    sqlite = {"DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3"}}}
    assert ids(**sqlite, ALLOW_SQLITE_IN_PRODUCTION=True) == []
    assert ids(**sqlite, DEBUG=True, ALLOWED_HOSTS=[], DEFAULT_FROM_EMAIL="news@localhost") == []


NAMED = ["DATABASE_URL", "REDIS_URL", "EMAIL_BACKEND", "DEFAULT_FROM_EMAIL", "WAGTAILADMIN_BASE_URL"]


@pytest.mark.once
def test_commands_and_workers_refuse_to_start_naming_each_variable(tmp_path):
    env = production_env(tmp_path, DEBUG="0", SILENCED_SYSTEM_CHECKS="")
    completed = manage("check", env=env)
    assert completed.returncode != 0
    for name in NAMED:
        assert f"set {name}" in completed.stderr, name


@pytest.mark.once
def test_the_web_process_refuses_to_start(tmp_path):
    """With an ESP as mail backend and no webhook secret, the web process also names the secret that keeps
    strangers from suppressing readers (campaigns.E001)."""
    env = production_env(
        tmp_path, DEBUG="0", SILENCED_SYSTEM_CHECKS="", EMAIL_BACKEND="anymail.backends.postmark.EmailBackend"
    )
    completed = run_django("import cms.wsgi", env)
    assert completed.returncode != 0
    assert "ImproperlyConfigured" in completed.stderr
    for name in [*(name for name in NAMED if name != "EMAIL_BACKEND"), "ANYMAIL_WEBHOOK_SECRET"]:
        assert f"set {name}" in completed.stderr, name
    assert "campaigns.E001" in completed.stderr

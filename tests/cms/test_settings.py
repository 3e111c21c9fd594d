"""Production settings refuse an insecure configuration; development generates and keeps its own key.

Settings are read once per interpreter, so each case imports ``cms.settings`` in a fresh one with only the
environment an operator would set.
"""

import secrets
import stat
import subprocess
import sys

import pytest

from tests.processes import ROOT, production_env

# Each case imports the settings in a child with its own environment: nothing in it uses the suite's
# database or services, so it runs in the SQLite pass only.
pytestmark = pytest.mark.once

SHOW_KEY = "import cms.settings as s; print(s.SECRET_KEY)"


def import_settings(
    env: dict[str, str], code: str = "import cms.settings"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "secret_key",
    [
        None,
        "",
        "django-insecure-" + "a" * 40,
        "CHANGE-ME-" + "b" * 40,
        "kurz-aber-zufaellig-1234",
        "a" * 40,
        "abcabcabc" * 5,
        "production-like-" + "k" * 40,
    ],
    ids=[
        "missing",
        "empty",
        "django-insecure",
        "placeholder",
        "short",
        "one-character",
        "few-characters",
        "mostly-one-character",
    ],
)
def test_production_refuses_to_start_with_a_missing_or_weak_secret_key(tmp_path, secret_key):
    env = production_env(tmp_path, DEBUG="0")
    if secret_key is None:
        del env["SECRET_KEY"]
    else:
        env["SECRET_KEY"] = secret_key
    completed = import_settings(env)
    assert completed.returncode != 0
    assert "ImproperlyConfigured" in completed.stderr
    assert "SECRET_KEY" in completed.stderr


def test_production_starts_with_a_long_random_secret_key(tmp_path):
    key = secrets.token_urlsafe(50)
    completed = import_settings(production_env(tmp_path, DEBUG="0", SECRET_KEY=key), SHOW_KEY)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == key
    assert not (tmp_path / "secret_key").exists()


def test_development_generates_a_private_key_once_and_keeps_it(tmp_path):
    env = production_env(tmp_path, DEBUG="1")
    del env["SECRET_KEY"]
    first = import_settings(env, SHOW_KEY)
    second = import_settings(env, SHOW_KEY)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50 and second.stdout.strip() == key
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


@pytest.mark.parametrize("proxies, trusted", [("0", False), ("1", True)])
def test_x_forwarded_proto_is_trusted_only_behind_a_configured_proxy(tmp_path, proxies, trusted):
    code = (
        "import django; django.setup()\n"
        "from django.test import RequestFactory\n"
        "print(RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https').is_secure())"
    )
    completed = import_settings(production_env(tmp_path, DEBUG="0", TRUSTED_PROXIES=proxies), code)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == str(trusted)

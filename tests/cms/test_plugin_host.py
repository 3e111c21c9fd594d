"""The plugins stand alone: a Wagtail site without ``cms`` (``tests/plugin_host``) passes Django's checks,
migrates (the journeys' database is built by running every migration), and runs a sign-up, a campaign and
a feed through them (``tests/plugin_host/journeys.py``)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]


def host_env(tmp_path: Path) -> dict[str, str]:
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "CAMPAIGNS_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="tests.plugin_host.settings", PLUGIN_HOST_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    return env


def run(arguments: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=host_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_django_check_passes_on_the_plugin_host(tmp_path):
    check = run(["-m", "django", "check", "--fail-level", "WARNING"], tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr


def test_sign_up_campaign_and_feed_run_through_the_plugin_host(tmp_path):
    result = run(
        [
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--ds=tests.plugin_host.settings",
            "tests/plugin_host/journeys.py",
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout

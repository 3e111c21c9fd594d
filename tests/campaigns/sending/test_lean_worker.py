"""A sending worker loads what sending needs: libraries of other features stay out of its memory.

A qcluster worker loads Django, the URL configuration (mails reverse their links) and the engine; anymail's
URL module (every ESP's webhooks, with boto3 and cryptography) is loaded only when an ESP is configured, and
icalendar only where a calendar is built.
"""

import pytest

from tests.processes import django_json, production_env

pytestmark = pytest.mark.once  # the child's own SQLite file: the PostgreSQL pass would repeat it exactly

WORKER_START = """
import sys
from django.urls import get_resolver
get_resolver().url_patterns
import campaigns.tasks
result = sorted(name for name in ("anymail.urls", "boto3", "icalendar") if name in sys.modules)
"""


def test_a_sending_worker_on_smtp_loads_no_esp_webhooks_and_no_calendar_library(tmp_path) -> None:
    assert django_json(WORKER_START, production_env(tmp_path)) == []


def test_an_esp_site_loads_its_webhooks(tmp_path) -> None:
    env = production_env(tmp_path, CAMPAIGNS_ESP="postmark", ANYMAIL_WEBHOOK_SECRET="user:secret")
    assert "anymail.urls" in django_json(WORKER_START, env)

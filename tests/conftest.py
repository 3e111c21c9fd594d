"""Fixtures shared by the whole suite."""

import pytest

from tests.smtp_sink import SmtpSink

# Markers and checks for the tests that need PostgreSQL or Redis (skipped, or failed in CI, without them);
# helpers and fixtures for running Leuchtturm in child processes configured like production.
pytest_plugins = ["tests.services", "tests.processes"]


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback; Django's SMTP backend is pointed at it for the test."""
    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield sink
    sink.stop()

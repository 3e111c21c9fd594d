"""Fixtures shared by the whole suite."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from django.utils import translation

from tests.sharing import (
    is_transactional,
    keep_sharing_modules_together,
    rolled_back_afterwards,
    shares_a_transaction,
)
from tests.smtp_sink import SmtpSink

# Markers and checks for the tests that need PostgreSQL or Redis (skipped, or failed in CI, without them);
# helpers and fixtures for running Leuchtturm in child processes configured like production; the order in
# which the tests are handed out.
pytest_plugins = ["tests.services", "tests.processes", "tests.scheduling"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Check the transactional tests; keep each module that shares rows on one xdist worker (before xdist
    reads the groups)."""
    refuse_transactional_tests_that_lose_data(items)
    keep_sharing_modules_together(items)


def refuse_transactional_tests_that_lose_data(items: list[pytest.Item]) -> None:
    """Refuse a transactional test that does not restore the migrated data it wipes.

    A transactional test ends with a flush of every table. Without ``serialized_rollback`` Django then
    re-creates the content types through ``post_migrate`` with new ids, while the migrated data (Wagtail's
    root page, the vocabulary, the campaign group) stays gone; on PostgreSQL the next test that restores the
    serialized data collides with those content types. So every transactional test restores it.
    """
    offenders = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        if is_transactional(item) and (marker is None or not marker.kwargs.get("serialized_rollback", False)):
            offenders.append(item.nodeid)
    if offenders:
        raise pytest.UsageError(
            "transactional tests must use "
            "@pytest.mark.django_db(transaction=True, serialized_rollback=True): " + ", ".join(offenders)
        )


@pytest.fixture(scope="module", autouse=True)
def search_index(request: pytest.FixtureRequest):
    """In a module marked ``search_index``, saving a page indexes it for search as in production; elsewhere
    the suite's settings leave indexing out (``tests/settings.py``). Module-wide, so that the rows a module
    builds once are indexed too."""
    if request.node.get_closest_marker("search_index") is None:
        yield
        return
    backends = {
        name: {**config, "AUTO_UPDATE": True} for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


@pytest.fixture(autouse=True)
def site_language_after_each_test():
    """Leave the site's language active: a request by an editor whose admin is in English leaves English
    active in the thread, and the next test would see English messages where it expects German."""
    yield
    translation.deactivate()


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


@pytest.fixture
def connections_kept_open():
    """Keep the test's database connection open across the requests, as Django's test client does.

    Schemathesis calls the WSGI application itself, whose request signals close the connection when it is
    not in autocommit mode — which the test's transaction makes it. On PostgreSQL that would drop the
    transaction the test runs in (SQLite's in-memory test database ignores the close).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker):
    """The demo content (``load_demo``, several seconds), loaded once per module (``tests/sharing.py``); each
    test asks for ``db`` too."""
    if not shares_a_transaction(request):
        pytest.fail(f"{request.module.__name__}: every database test of a module using the demo asks for it")
    with rolled_back_afterwards(django_db_blocker):
        call_command("load_demo", stdout=StringIO())
        yield

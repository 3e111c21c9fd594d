"""The OpenAPI-described endpoints, fuzzed with schemathesis: whatever a client sends, never a server error.

Schemathesis generates requests from ``/api/openapi.json`` — valid ones, and ones that break every
constraint the schema states — and sends them through the WSGI application. Each operation gets a bounded
number of examples; the one property checked is that no answer is a 5xx.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from cms.wsgi import application

EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


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


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_makes_the_api_fail(case, settings, newsletter_channels, connections_kept_open):
    # The fuzzer is one client; the sign-up limit would otherwise answer most of its requests with 429.
    settings.CAMPAIGNS_SIGNUP_RATE_LIMIT = 1_000_000
    case.call_and_validate(checks=[not_a_server_error])

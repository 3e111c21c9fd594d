"""The OpenAPI-described endpoints, fuzzed with schemathesis: whatever a client sends, never a server error.

Schemathesis generates requests from ``/api/openapi.json`` — valid ones, and ones that break every
constraint the schema states — and sends them through the WSGI application. Each operation gets a bounded
number of examples; the one property checked is that no answer is a 5xx.
"""

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error

from cms.wsgi import application
from tests.fuzzing import bounded

EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@bounded(EXAMPLES_PER_OPERATION)
def test_no_request_makes_the_api_fail(case, settings, newsletter_channels, connections_kept_open):
    # The fuzzer is one client; the sign-up limit would otherwise answer most of its requests with 429.
    settings.CAMPAIGNS_SIGNUP_RATE_LIMIT = 1_000_000
    case.call_and_validate(checks=[not_a_server_error])

"""Hypothesis settings of the schemathesis tests: a bounded number of examples per operation, no deadline
(the first request of a test builds caches), no example database, and no health checks, which schemathesis'
generated strategies trip without it mattering."""

from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings


def bounded(max_examples: int) -> hypothesis_settings:
    """The settings of a schemathesis test that tries ``max_examples`` requests per operation."""
    return hypothesis_settings(
        max_examples=max_examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )

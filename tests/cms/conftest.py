"""Fixtures of the host's tests: the campaign engine's small newsletter, for the metrics of sending."""

from tests.campaigns.engine import newsletter, newsletter_keys  # noqa: F401

"""Fixtures of the campaigns tests, defined in the modules named below."""

from tests.campaigns.engine import newsletter  # noqa: F401
from tests.campaigns.feeding import feed_site  # noqa: F401
from tests.campaigns.subscribing import inline_mail, newsletter_channels, visitor  # noqa: F401

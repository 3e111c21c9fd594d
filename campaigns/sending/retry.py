"""When a message that failed for a passing reason is tried again: the engine's one back-off rule.

The wait grows with how long the message has been failing (at least ``CAMPAIGNS_RETRY_DELAY``, at most
``CAMPAIGNS_RETRY_MAX_DELAY``); ``CAMPAIGNS_RETRY_HORIZON`` after the first failure it is given up.
Deliveries of issues and welcome mails both follow it.
"""

from datetime import datetime, timedelta

from campaigns import app_settings


def next_attempt(since: datetime, now: datetime) -> datetime | None:
    """The time of the next try of a message failing since ``since``; ``None`` once it is past the horizon."""
    give_up = since + app_settings.retry_horizon()
    if now >= give_up:
        return None
    wait = min(max(app_settings.retry_delay(), (now - since).total_seconds()), app_settings.retry_max_delay())
    return min(now + timedelta(seconds=wait), give_up)

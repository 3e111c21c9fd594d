"""Settings of the feeds and calendars, read in one place with their defaults.

Each is a Django setting with the ``CAMPAIGNS_`` prefix; they are read on every access so that tests (and
``override_settings``) see changes at once.
"""

from email.utils import parseaddr

from django.conf import settings

from campaigns import app_settings as campaign_settings


def _get(name: str, default):
    return getattr(settings, f"CAMPAIGNS_{name}", default)


def feed_items() -> int:
    """Items of an RSS, Atom or JSON feed without ``limit``: enough for a reader that polls daily."""
    return min(max(1, int(_get("FEED_ITEMS", 50))), max_items())


def calendar_events() -> int:
    """Events of a calendar without ``limit``: a calendar should show every date, so the cap by default."""
    return min(max(1, int(_get("CALENDAR_EVENTS", max_items()))), max_items())


def max_items() -> int:
    """The largest ``limit`` a reader may ask for; it bounds the work of building one feed."""
    return max(1, int(_get("FEED_MAX_ITEMS", 500)))


def calendar_past_days() -> int:
    """Dates that began up to this many days ago stay in the calendar.

    A subscribed calendar deletes events that disappear from the feed, so recent dates are kept for a while
    instead of vanishing from a teacher's calendar the moment they start.
    """
    return max(0, int(_get("CALENDAR_PAST_DAYS", 90)))


def cache_seconds() -> int:
    """How long a built feed stays in the cache; a publish invalidates it earlier (``caching``)."""
    return max(1, int(_get("FEED_CACHE_SECONDS", 24 * 60 * 60)))


def publisher() -> str:
    """The author of every feed: the publishing body, by default the display name of the newsletter sender.

    Editors' names are not published; the district office is what readers know and may contact.
    """
    sender = parseaddr(campaign_settings.from_email())[0]
    return str(_get("FEED_PUBLISHER", "") or sender or getattr(settings, "WAGTAIL_SITE_NAME", ""))

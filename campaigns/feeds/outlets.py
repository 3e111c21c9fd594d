"""The four outlets of a channel — RSS, Atom, JSON Feed and iCalendar — and what each one needs.

URLs, views, the channel list and the autodiscovery links all read this table, so adding an outlet is one
entry here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from campaigns import app_settings
from campaigns.feeds.calendar import ics
from campaigns.feeds.items import FeedSource
from campaigns.feeds.jsonfeed import json_feed
from campaigns.feeds.syndication import atom, rss
from campaigns.models import Channel

# The type browsers render a feed in, with its stylesheet (``Outlet.browser_type``).
XML = "application/xml"


@dataclass(frozen=True)
class Outlet:
    """One format of a channel's content."""

    name: str
    label: Promise
    content_type: str
    build: Callable[[FeedSource], bytes]
    default_limit: Callable[[], int]
    # A media type that browsers render, where they show the outlet's own one as plain text: Chromium applies
    # the feed's XSLT stylesheet (``syndication``) to ``application/xml`` only.
    browser_type: str = ""

    @property
    def media_type(self) -> str:
        return self.content_type.partition(";")[0]

    def media_type_for(self, request: HttpRequest) -> str:
        """The media type to answer ``request`` in: the outlet's own, or ``browser_type`` when the request's
        ``Accept`` prefers it — as a browser's does (``application/xml;q=0.9``, the rest ``*/*;q=0.8``), and
        a feed reader's, which names the feed's type or nothing, does not."""
        if self.browser_type and request.get_preferred_type([self.media_type, self.browser_type]) == (
            self.browser_type
        ):
            return self.browser_type
        return self.media_type

    def path(self, channel: Channel) -> str:
        return reverse(f"feeds:{self.name}", kwargs={"channel": channel.slug})


JSON_FEED = Outlet(
    "json", _("JSON Feed"), "application/feed+json; charset=utf-8", json_feed, app_settings.feed_items
)
FEEDS = (
    Outlet("rss", _("RSS"), "application/rss+xml; charset=utf-8", rss, app_settings.feed_items, XML),
    Outlet("atom", _("Atom"), "application/atom+xml; charset=utf-8", atom, app_settings.feed_items, XML),
    JSON_FEED,
)
CALENDAR = Outlet(
    "ics",
    _("Kalender (iCalendar)"),
    "text/calendar; charset=utf-8",
    ics,
    app_settings.calendar_events,
)
OUTLETS = {outlet.name: outlet for outlet in (*FEEDS, CALENDAR)}


@dataclass(frozen=True)
class OutletLink:
    """A link to one outlet of one channel, with the reader's filters as query string."""

    channel: Channel
    outlet: Outlet
    url: str

    @property
    def title(self) -> str:
        return f"{self.channel.name} ({self.outlet.label})"


def feed_links(channel: Channel, query: str = "") -> list[OutletLink]:
    """Links to the channel's RSS, Atom and JSON feeds."""
    return [OutletLink(channel, outlet, outlet.path(channel) + query) for outlet in FEEDS]

"""The iCalendar (RFC 5545) outlet: one ``VEVENT`` per date (``MintOccurrence``) of the channel's MINT offers.

A school subscribes to the URL once and its calendar app polls it. That only works when every event keeps its
``UID`` from fetch to fetch and says when it changed; ``page_types.calendar.occurrence_event`` builds each
event so, the same as for the "In meinen Kalender" file of a single offer.
"""

import uuid
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from campaigns import app_settings
from campaigns.feeds.items import FeedSource, page_url
from page_types.calendar import PRODID, calendar_bytes, occurrence_event, site_timezone
from page_types.models import Interest, MintOccurrence

# How often calendar apps should poll (RFC 7986 REFRESH-INTERVAL and its Outlook/Apple twin).
REFRESH_INTERVAL = timedelta(hours=6)


def first_day() -> date:
    """The first day whose dates the calendar shows (see ``app_settings.calendar_past_days``)."""
    return timezone.localdate() - timedelta(days=app_settings.calendar_past_days())


def occurrences(source: FeedSource) -> QuerySet[MintOccurrence]:
    """The dates of the selected offers from ``first_day`` on, soonest first, at most ``source.limit``."""
    since = timezone.make_aware(datetime.combine(first_day(), time.min))
    return (
        MintOccurrence.objects.filter(page_id__in=source.pages.values("pk"), start__gte=since)
        .select_related("page")
        .prefetch_related("page__topics", "page__subjects")
        .order_by("start", "pk")[: source.limit]
    )


def ics(source: FeedSource) -> bytes:
    # icalendar is loaded where a calendar is built, not by every process that loads the URL configuration.
    from icalendar import Calendar, vDuration

    calendar = Calendar.new(
        prodid=PRODID,
        calscale="GREGORIAN",
        name=source.channel.name,
        description=source.description,
        url=source.feed_url,
        # The same calendar (path with its filters) keeps its identity from fetch to fetch and host to host.
        uid=uuid.uuid5(uuid.NAMESPACE_URL, source.feed_id),
    )
    # RFC 7986 §5.7 requires the VALUE parameter; Outlook's twin is a plain DURATION text (PT6H).
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    interests = Interest.objects.by_topic()
    events = [
        occurrence_event(
            occurrence, host=source.host, url=page_url(occurrence.page, source.request), interests=interests
        )
        for occurrence in occurrences(source)
    ]
    last_start = max((event.start for event in events), default=timezone.now())
    # Always present, so that even a calendar without dates has a component (RFC 5545 requires one).
    calendar.add_component(site_timezone(first_day(), (last_start + timedelta(days=366)).date()))
    for event in events:
        calendar.add_component(event)
    return calendar_bytes(calendar)

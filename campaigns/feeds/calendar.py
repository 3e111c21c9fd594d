"""The iCalendar (RFC 5545) outlet: one ``VEVENT`` per date (``MintOccurrence``) of the channel's MINT offers.

A school subscribes to the URL once and its calendar app polls it. That only works when every event keeps its
``UID`` from fetch to fetch (``occurrence-<id>@<host>``) and says when it changed: ``LAST-MODIFIED`` and
``DTSTAMP`` are the offer's last publication (RFC 5545 §3.8.7.2: without ``METHOD`` the stamp is the time the
information was last revised), and ``SEQUENCE`` counts the seconds from the first to the last publication, so
it grows with every publish without storing a counter. Times are local to the site's time zone, which the
calendar defines in its own ``VTIMEZONE``.
"""

import uuid
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration

from campaigns import app_settings
from campaigns.feeds.items import FeedSource, changed_at, page_url
from page_types.models import MintOccurrence, MintOfferPage

PRODID = "-//Leuchtturm//Feeds und Kalender//DE"
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
    events = [_event(occurrence, source) for occurrence in occurrences(source)]
    last_start = max((event.start for event in events), default=timezone.now())
    # Always present, so that even a calendar without dates has a component (RFC 5545 requires one).
    calendar.add_component(site_timezone(first_day(), (last_start + timedelta(days=366)).date()))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def site_timezone(first_date: date, last_date: date) -> Timezone:
    """The ``VTIMEZONE`` of ``settings.TIME_ZONE`` with its transitions from ``first_date`` to ``last_date``.

    icalendar notes that range in an English ``COMMENT`` ("This timezone only works from …"), which calendar
    apps show to our German readers; the range is the calendar's business, so the comment goes.
    """
    component = Timezone.from_tzid(settings.TIME_ZONE, first_date=first_date, last_date=last_date)
    component.pop("COMMENT", None)
    return component


def _event(occurrence: MintOccurrence, source: FeedSource) -> Event:
    offer = occurrence.page
    modified = changed_at(offer)
    return Event.new(
        uid=f"occurrence-{occurrence.pk}@{source.host}",
        summary=offer.title,
        start=timezone.localtime(occurrence.start),
        end=timezone.localtime(occurrence.end) if occurrence.end else None,
        location=occurrence.place or offer.location or None,
        url=page_url(offer, source.request),
        description=_description(offer, source),
        categories=[term.name for term in (*offer.topics.all(), *offer.subjects.all())] or (),
        stamp=modified,
        last_modified=modified,
        created=offer.first_published_at or modified,
        sequence=int((modified - (offer.first_published_at or modified)).total_seconds()),
        status="CONFIRMED",
        classification="PUBLIC",
    )


def _description(offer: MintOfferPage, source: FeedSource) -> str:
    """The teaser and what a participant needs: cost, registration link and deadline, accessibility."""
    lines = [offer.teaser, ""]
    if offer.cost:
        lines.append(_("Kosten: %(cost)s") % {"cost": offer.cost})
    if offer.registration_url:
        lines.append(_("Anmeldung: %(url)s") % {"url": offer.registration_url})
    if offer.registration_deadline:
        deadline = formats.date_format(offer.registration_deadline, "SHORT_DATE_FORMAT")
        lines.append(_("Anmeldeschluss: %(date)s") % {"date": deadline})
    if offer.accessibility_notes:
        lines.append(_("Barrierefreiheit: %(notes)s") % {"notes": offer.accessibility_notes})
    lines.append(_("Mehr erfahren: %(url)s") % {"url": page_url(offer, source.request)})
    return "\n".join(lines)

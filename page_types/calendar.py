"""Offers as iCalendar (RFC 5545) events: the one ``VEVENT`` builder of the site.

The channel calendars (``campaigns.feeds.calendar``) and the "In meinen Kalender" file of a single offer use
the same event for the same date, so an offer added by itself and later seen in a subscribed calendar is the
same event (same ``UID``: ``occurrence-<id>@<host>``) rather than a double. ``LAST-MODIFIED`` and ``DTSTAMP``
are the offer's last publication (RFC 5545 §3.8.7.2: without ``METHOD`` the stamp is the time the
information was last revised), and ``SEQUENCE`` counts the seconds from the first to the last publication, so
it grows with every publish without storing a counter. Times are local to the site's time zone, defined in
``VTIMEZONE``. icalendar is imported by the functions that build calendars, so that a process loading the
page models without building any (a sending worker) does not load it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from page_types.publication import changed_at
from page_types.taxonomy import Interest, shown_interests

if TYPE_CHECKING:
    from icalendar import Calendar, Event, Timezone

    from page_types.models import MintOccurrence, MintOfferPage

PRODID = "-//Leuchtturm//Feeds und Kalender//DE"

# RFC 5545 §3.1: a content line SHOULD NOT be longer than 75 octets, excluding the line break.
LINE_LIMIT = 75


def occurrence_event(
    occurrence: MintOccurrence, *, host: str, url: str, interests: dict[int, tuple[Interest, ...]]
) -> Event:
    """The event of one date of an offer; ``host`` names the site in the ``UID``, ``url`` is the offer's,
    ``interests`` is ``Interest.objects.by_topic()`` (the categories readers see: interests and subjects)."""
    from icalendar import Event

    offer = occurrence.page
    modified = changed_at(offer)
    return Event.new(
        uid=f"occurrence-{occurrence.pk}@{host}",
        summary=offer.title,
        start=timezone.localtime(occurrence.start),
        end=timezone.localtime(occurrence.end) if occurrence.end else None,
        location=event_location(occurrence),
        url=url,
        description=offer_description(offer, url),
        categories=[
            str(term) for term in (*shown_interests(offer.topics.all(), interests), *offer.subjects.all())
        ]
        or (),
        stamp=modified,
        last_modified=modified,
        created=offer.first_published_at or modified,
        sequence=int((modified - (offer.first_published_at or modified)).total_seconds()),
        status="CONFIRMED",
        classification="PUBLIC",
    )


def event_location(occurrence: MintOccurrence) -> str | None:
    """Where the date takes place: its own place or the offer's, with the offer's street address."""
    offer = occurrence.page
    parts = [occurrence.place or offer.location, offer.street_address]
    return ", ".join(part for part in parts if part) or None


def offer_description(offer: MintOfferPage, url: str) -> str:
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
    lines.append(_("Mehr erfahren: %(url)s") % {"url": url})
    return "\n".join(lines)


def site_timezone(first_date: date, last_date: date) -> Timezone:
    """The ``VTIMEZONE`` of ``settings.TIME_ZONE`` with its transitions from ``first_date`` to ``last_date``.

    icalendar notes that range in an English ``COMMENT`` ("This timezone only works from …"), which calendar
    apps show to our German readers; the range is the calendar's business, so the comment goes.
    """
    from icalendar import Timezone

    component = Timezone.from_tzid(settings.TIME_ZONE, first_date=first_date, last_date=last_date)
    component.pop("COMMENT", None)
    return component


def offer_calendar(offer: MintOfferPage, *, host: str, url: str) -> bytes:
    """The dates of one offer still ahead, as a calendar file to open or import ("In meinen Kalender")."""
    from icalendar import Calendar

    calendar = Calendar.new(prodid=PRODID, calscale="GREGORIAN", name=offer.title)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    interests = Interest.objects.by_topic()
    events = [
        occurrence_event(occurrence, host=host, url=url, interests=interests)
        for occurrence in offer.upcoming_occurrences()
    ]
    today = timezone.localdate()
    last_start = max((event.start for event in events), default=timezone.now())
    calendar.add_component(site_timezone(today, (last_start + timedelta(days=366)).date()))
    for event in events:
        calendar.add_component(event)
    return calendar_bytes(calendar)


def calendar_bytes(calendar: Calendar) -> bytes:
    """The calendar as an iCalendar file: what ``Calendar.to_ical`` writes, byte for byte, with each content
    line folded by ``fold_line``: icalendar walks every line one character at a time, although most lines are
    short enough to need no fold."""
    lines = (fold_line(line) for line in calendar.content_lines() if line)
    return "\r\n".join(lines).encode() + b"\r\n"


def fold_line(line: str) -> str:
    """A content line folded as RFC 5545 §3.1 says and icalendar does: before any character that would make
    a line reach ``LINE_LIMIT`` octets (so with the leading space each line stays below it), never inside a
    UTF-8 sequence, and a backslash or caret that starts an escape moves to the next line with what it
    escapes."""
    if len(line) < LINE_LIMIT and (line.isascii() or len(line.encode()) < LINE_LIMIT):
        return line
    segments = []
    start = size = 0
    for index, char in enumerate(line):
        width = 1 if char < "\x80" else len(char.encode())
        if index > start and size + width >= LINE_LIMIT:
            if index - start > 1 and line[index - 1] in "\\^":
                segments.append(line[start : index - 1])
                start, size = index - 1, 1
            else:
                segments.append(line[start:index])
                start, size = index, 0
        size += width
    segments.append(line[start:])
    return "\r\n ".join(segments)


@dataclass(frozen=True)
class WebCalendarLinks:
    """Links that open one date in the web calendars most readers use, pre-filled."""

    google: str
    outlook: str


def web_calendar_links(occurrence: MintOccurrence, url: str) -> WebCalendarLinks:
    """Google Calendar and Outlook.com links for one date of an offer (``url`` is the offer's address)."""
    offer = occurrence.page
    start = timezone.localtime(occurrence.start)
    end = timezone.localtime(occurrence.end) if occurrence.end else start + timedelta(hours=1)
    details = offer_description(offer, url)
    location = event_location(occurrence) or ""
    google = {
        "action": "TEMPLATE",
        "text": offer.title,
        "dates": f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}",
        "ctz": settings.TIME_ZONE,
        "details": details,
        "location": location,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": offer.title,
        "startdt": start.isoformat(),
        "enddt": end.isoformat(),
        "body": details,
        "location": location,
    }
    return WebCalendarLinks(
        google="https://calendar.google.com/calendar/render?" + urlencode(google),
        outlook="https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(outlook),
    )

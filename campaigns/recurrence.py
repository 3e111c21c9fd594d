"""Recurrence rules of channels: RFC 5545 RRULEs, read with python-dateutil in local wall-clock time.

A rule is stored as text (``DTSTART:…`` and ``RRULE:…`` lines, or a bare ``RRULE``). Its times are the
site's local time (``TIME_ZONE``), so "donnerstags, 7:00" stays 7:00 across the change to summer time.
The admin's form composes the common rules from frequency, weekday and time (``compose``) and reads them
back (``decompose``); any other valid RRULE may be entered as it is.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time

from dateutil.rrule import rrule, rruleset, rrulestr
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A rule without DTSTART counts from here (its times are midnight unless BYHOUR/BYMINUTE say otherwise).
ANCHOR = datetime(2026, 1, 1)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
TOO_OFTEN = re.compile(r"FREQ=(SECONDLY|MINUTELY|HOURLY)", re.IGNORECASE)
FREQUENCIES = {
    "weekly": "FREQ=WEEKLY;BYDAY={day}",
    "biweekly": "FREQ=WEEKLY;INTERVAL=2;BYDAY={day}",
    "monthly": "FREQ=MONTHLY;BYDAY=+1{day}",
}
COMPOSED = re.compile(r"^DTSTART:(?P<start>\d{8}T\d{6})\nRRULE:(?P<rule>[A-Z0-9=;+]+)$")
STAMP = "%Y%m%dT%H%M%S"


@dataclass(frozen=True)
class Simple:
    """A rule the admin's form can show: frequency (a key of ``FREQUENCIES``), weekday (0 = Monday), time."""

    frequency: str
    weekday: int
    at: time


def parse(value: str) -> rrule | rruleset:
    """The rule of ``value``; ``ValueError`` for no valid RRULE or one asking for more than an issue a day."""
    if TOO_OFTEN.search(value):
        raise ValueError("more often than daily")
    return rrulestr(value.strip(), dtstart=ANCHOR, forceset=True)


def validate_recurrence(value: str) -> None:
    """Refuse a text that is no valid RRULE, in German words for the editor."""
    if not value:
        return
    try:
        # Counting from a naive time fails for a rule with a time zone of its own (TZID, UTC "Z"): the rules
        # count in the site's local time.
        parse(value).after(ANCHOR)
    except (ValueError, TypeError, OverflowError) as error:
        raise ValidationError(
            _(
                "Keine gültige Wiederholungsregel nach RFC 5545 (höchstens eine Ausgabe am Tag), z. B. "
                "„RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;BYHOUR=7;BYMINUTE=0“."
            ),
            code="invalid_recurrence",
        ) from error


def local(moment: datetime) -> datetime:
    """``moment`` as naive local wall-clock time, as the rules count."""
    return timezone.localtime(moment, timezone.get_default_timezone()).replace(tzinfo=None)


def aware(moment: datetime) -> datetime:
    """A naive local time of a rule as an aware datetime."""
    return timezone.make_aware(moment, timezone.get_default_timezone())


def latest(value: str, now: datetime) -> datetime | None:
    """The rule's most recent occurrence at or before ``now`` (aware), or ``None`` before its first."""
    found = parse(value).before(local(now), inc=True)
    return aware(found) if found else None


def upcoming(value: str, now: datetime, count: int = 3) -> list[datetime]:
    """The rule's next ``count`` occurrences after ``now`` (aware)."""
    rule, moment, found = parse(value), local(now), []
    while len(found) < count and (moment := rule.after(moment)) is not None:
        found.append(aware(moment))
    return found


def compose(simple: Simple, now: datetime) -> str:
    """The RRULE of ``simple``, starting at its first occurrence after ``now`` (which fixes the fortnight)."""
    body = FREQUENCIES[simple.frequency].format(day=WEEKDAYS[simple.weekday])
    today = datetime.combine(local(now).date(), simple.at)
    first = rrulestr(f"RRULE:{body}", dtstart=today).after(local(now))
    return f"DTSTART:{first.strftime(STAMP)}\nRRULE:{body}"


def decompose(value: str) -> Simple | None:
    """The frequency, weekday and time of a rule ``compose`` wrote, or ``None`` for any other rule."""
    match = COMPOSED.match(value.strip().replace("\r\n", "\n"))
    if not match:
        return None
    start = datetime.strptime(match["start"], STAMP)
    for frequency, pattern in FREQUENCIES.items():
        for weekday, day in enumerate(WEEKDAYS):
            if match["rule"] == pattern.format(day=day):
                return Simple(frequency, weekday, start.time())
    return None


def same_rule(first: str, second: str) -> bool:
    """Whether two texts hold the same RRULE line (their DTSTART may differ)."""

    def rule_line(value: str) -> str:
        return value.strip().replace("\r\n", "\n").rpartition("\n")[2]

    return rule_line(first) == rule_line(second)

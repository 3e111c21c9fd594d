"""Dates of MINT offers as readers read them: a holiday camp on five days in a row is one range
("3.–7. August 2026, täglich 09:00–15:00 Uhr"), not five lines.

Editors enter a camp either as one date that spans several days or as one date per day; both read as one
range. Days merge when they follow each other without a gap and share start time, end time and place.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from django.utils import formats, timezone
from django.utils.translation import gettext as _


class Occurrence(Protocol):
    """What a range is made of (a ``MintOccurrence``)."""

    start: datetime
    end: datetime | None
    place: str


@dataclass(frozen=True)
class DateRange:
    """One or more dates in a row: the first start, the last end, and whether each day repeats the times."""

    start: datetime
    end: datetime | None
    place: str
    days: int = 1

    @property
    def daily(self) -> bool:
        """Several separate days with the same times (a camp), rather than one date across days."""
        return self.days > 1

    @property
    def spans_days(self) -> bool:
        return self.end is not None and self.end.date() != self.start.date()

    def first_day_text(self) -> str:
        """The first day of a range across days, as short as the last day allows: "3.", "28. Juli" or
        "28. Dezember 2026"."""
        if self.start.year != self.end.year:
            return formats.date_format(self.start, "j. F Y")
        if self.start.month != self.end.month:
            return formats.date_format(self.start, "j. F")
        return formats.date_format(self.start, "j.")

    def last_day_text(self) -> str:
        """The last day of a range across days: "7. August 2026"."""
        return formats.date_format(self.end, "j. F Y")

    def start_time_text(self) -> str:
        return formats.time_format(self.start, "H:i")

    def end_time_text(self) -> str:
        return formats.time_format(self.end, "H:i")

    def parts(self) -> list[tuple[str, datetime | None]]:
        """The range's wording in pieces, each with the moment it names (or None): "Mi, 16. Dezember 2026,
        15:00–18:00 Uhr", "3.–7. August 2026, täglich 09:00–15:00 Uhr". The one place of that wording: the
        page's ``<time>`` elements (``content_tags.date_range_html``) and the feeds' ``text`` read it."""
        if self.spans_days:
            if self.daily:
                times = f"{_('täglich')} {self.start_time_text()}–{self.end_time_text()}"
            else:
                times = _("Beginn %(start)s Uhr, Ende %(end)s") % {
                    "start": self.start_time_text(),
                    "end": self.end_time_text(),
                }
            parts = [(self.first_day_text(), self.start), ("–", None), (self.last_day_text(), self.end)]
            parts.append((f", {times}", None))
        else:
            parts = [(formats.date_format(self.start, "D, j. F Y, H:i"), self.start)]
            if self.end:
                parts += [("–", None), (formats.date_format(self.end, "H:i"), self.end)]
        return [*parts, (f" {_('Uhr')}", None)]

    def text(self) -> str:
        """The range as plain text (``parts``)."""
        return "".join(text for text, _moment in self.parts())


def date_ranges(occurrences: Iterable[Occurrence], *, default_place: str = "") -> list[DateRange]:
    """The occurrences (in start order) as ranges in local time; the place falls back to ``default_place``."""
    ranges: list[DateRange] = []
    for occurrence in occurrences:
        start = timezone.localtime(occurrence.start)
        end = timezone.localtime(occurrence.end) if occurrence.end else None
        place = occurrence.place or default_place
        previous = ranges[-1] if ranges else None
        if previous and _continues(previous, start, end, place):
            ranges[-1] = DateRange(previous.start, end, place, previous.days + 1)
        else:
            ranges.append(DateRange(start, end, place))
    return ranges


def _continues(previous: DateRange, start: datetime, end: datetime | None, place: str) -> bool:
    """Whether a single-day date is the next day of ``previous`` with the same times and place."""
    last_end = previous.end
    if end is None or last_end is None or end.date() != start.date():
        return False
    if previous.days == 1 and previous.spans_days:
        return False
    return (
        place == previous.place
        and start.date() == last_end.date() + timedelta(days=1)
        and (start.time(), end.time()) == (previous.start.time(), last_end.time())
    )

"""What a feed item says about a MINT offer's next date and place: the ``FeedEvent``.

The next date is the first of the offer's ``upcoming_date_ranges`` — the same rule as the offer page and the
listing (a date counts until it is over; a camp on days in a row is one range) — and reads as the offer page
writes it (``DateRange.text``). An offer whose dates are all past has no next date, and
its item no event. RSS and Atom state the event in the item's text, the JSON Feed also as the ``_event``
extension object (docs/API.md, "Feeds").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from operator import attrgetter
from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from page_types.dates import DateRange, date_ranges
from page_types.models import ContentPage, MintOccurrence
from page_types.models.querysets import not_over


@dataclass(frozen=True)
class FeedEvent:
    """The next date of an offer (a range of days in a row counts as one) and where it takes place."""

    start: datetime
    end: datetime | None
    # Days in a row with the same times (a camp): the date repeats daily from ``start`` to ``end``.
    days: int
    # The date as readers read it: "3.–7. August 2026, täglich 09:00–15:00 Uhr".
    text: str
    # The venue: the date's own place or the offer's.
    place: str
    address: str
    municipalities: tuple[str, ...]

    @property
    def place_text(self) -> str:
        """Venue, street address and the municipalities the two do not already name."""
        parts = [part for part in (self.place, self.address) if part]
        named = " ".join(parts)
        parts += [name for name in self.municipalities if name not in named]
        return ", ".join(parts)

    def lines(self) -> list[str]:
        """The event as lines of text for an item's description."""
        lines = [_("Nächster Termin: %(date)s") % {"date": self.text}]
        if place := self.place_text:
            lines.append(_("Ort: %(place)s") % {"place": place})
        return lines

    def as_json(self) -> dict[str, Any]:
        """The JSON Feed extension object ``_event``: ISO 8601 times with their offset, the place in parts."""
        event: dict[str, Any] = {"start": self.start.isoformat()}
        if self.end:
            event["end"] = self.end.isoformat()
        event |= {
            "daily": self.days > 1,
            "days": self.days,
            "text": self.text,
            "location": {
                "name": self.place,
                "address": self.address,
                "municipalities": list(self.municipalities),
                "text": self.place_text,
            },
        }
        return event


def next_events(pages: Iterable[ContentPage]) -> dict[int, FeedEvent]:
    """The next date of each MINT offer among ``pages`` that has one, by page id (one query in all); the
    pages come with their ``feed_municipalities`` (``items._with_feed_data``).

    The dates still ahead (``not_over``, as ``MintOfferPage.upcoming_date_ranges`` keeps them) are read with
    their offer's place and address, without the offers as page objects: building those cost more than the
    events themselves."""
    pages = {page.pk: page for page in pages}
    dates = (
        MintOccurrence.objects.filter(not_over(timezone.now()), page_id__in=pages)
        .annotate(location=F("page__location"), street_address=F("page__street_address"))
        .order_by("page_id", *MintOccurrence._meta.ordering)
    )
    events = {}
    for page_id, upcoming in groupby(dates, key=attrgetter("page_id")):
        upcoming = list(upcoming)
        page = pages[page_id]
        municipalities = tuple(municipality.name for municipality in page.feed_municipalities)
        next_range = date_ranges(upcoming, default_place=upcoming[0].location)[0]
        events[page_id] = _event(next_range, upcoming[0].street_address, municipalities)
    return events


def _event(date_range: DateRange, address: str, municipalities: tuple[str, ...]) -> FeedEvent:
    return FeedEvent(
        start=date_range.start,
        end=date_range.end,
        days=date_range.days,
        text=date_range.text(),
        place=date_range.place,
        address=address,
        municipalities=municipalities,
    )

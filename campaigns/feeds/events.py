"""What a feed item says about a MINT offer's next date and place: the ``FeedEvent``.

The next date is the first of the offer's ``upcoming_date_ranges`` — the same rule as the offer page and the
listing (a date counts until it is over; a camp on days in a row is one range) — and reads as the offer page
writes it (``page_types/includes/date_range.html``). An offer whose dates are all past has no next date, and
its item no event. RSS and Atom state the event in the item's text, the JSON Feed also as the ``_event``
extension object (docs/API.md, "Feeds").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from page_types.dates import DateRange
from page_types.models import ContentPage, MintOfferPage


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
    """The next date of each MINT offer among ``pages`` that has one, by page id (two queries in all)."""
    pages = list(pages)
    offers = MintOfferPage.objects.filter(pk__in=[page.pk for page in pages]).prefetch_related("occurrences")
    offers = offers.in_bulk()
    events = {}
    for page in pages:
        offer = offers.get(page.pk)
        ranges = offer.upcoming_date_ranges() if offer else []
        if ranges:
            municipalities = tuple(municipality.name for municipality in page.municipalities.all())
            events[page.pk] = _event(ranges[0], offer, municipalities)
    return events


def _event(date_range: DateRange, offer: MintOfferPage, municipalities: tuple[str, ...]) -> FeedEvent:
    html = render_to_string("page_types/includes/date_range.html", {"date_range": date_range})
    return FeedEvent(
        start=date_range.start,
        end=date_range.end,
        days=date_range.days,
        text=" ".join(strip_tags(html).split()),
        place=date_range.place,
        address=offer.street_address,
        municipalities=municipalities,
    )

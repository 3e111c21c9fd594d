"""Dates of offers read as readers expect: days in a row with the same times and place are one range."""

from datetime import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from page_types.dates import date_ranges
from page_types.models import MintOccurrence
from tests.page_types.markup import parse


def at(day: int, hour: int, month: int = 8) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, hour))


def dates(*spans, place: str = "") -> list[MintOccurrence]:
    return [MintOccurrence(start=start, end=end, place=place) for start, end in spans]


def text(date_range) -> str:
    with translation.override("de"):
        html = render_to_string("page_types/includes/date_range.html", {"date_range": date_range})
    return parse(html).get_text()


def test_a_week_long_camp_entered_day_by_day_is_one_range():
    camp = dates(*((at(day, 9), at(day, 15)) for day in range(3, 8)))
    [week] = date_ranges(camp, default_place="Besigheim")
    assert (week.start, week.end, week.days, week.place) == (at(3, 9), at(7, 15), 5, "Besigheim")
    assert text(week) == "3.–7. August 2026, täglich 09:00–15:00 Uhr"


def test_one_date_across_days_is_a_range_with_start_and_end_time():
    [trip] = date_ranges(dates((at(31, 10, month=7), at(2, 16))))
    assert text(trip) == "31. Juli–2. August 2026, Beginn 10:00 Uhr, Ende 16:00 Uhr"


@pytest.mark.parametrize(
    "second",
    [
        (at(5, 9), at(5, 15)),  # a gap of a day
        (at(4, 10), at(4, 15)),  # another start time
        (at(4, 9), at(4, 12)),  # another end time
    ],
)
def test_days_merge_only_without_gap_and_with_the_same_times(second):
    assert len(date_ranges(dates((at(3, 9), at(3, 15)), second))) == 2


def test_days_at_different_places_stay_apart():
    first, second = dates((at(3, 9), at(3, 15))), dates((at(4, 9), at(4, 15)), place="Halle 2")
    assert len(date_ranges([*first, *second])) == 2


def test_a_single_date_reads_as_before():
    [day] = date_ranges(dates((at(16, 15, month=12), at(16, 18, month=12))))
    assert text(day) == "Mi, 16. Dezember 2026, 15:00–18:00 Uhr"
    assert len(date_ranges(dates((at(3, 9), None), (at(4, 9), None)))) == 2


@pytest.mark.parametrize(
    "spans",
    [
        [(at(day, 9), at(day, 15)) for day in range(3, 8)],
        [(at(31, 10, month=7), at(2, 16))],
        [(at(16, 15, month=12), at(16, 18, month=12))],
        [(at(16, 15, month=12), None)],
    ],
)
def test_the_feeds_plain_text_is_the_pages_wording(spans):
    [date_range] = date_ranges(dates(*spans))
    with translation.override("de"):
        plain = date_range.text()
    assert plain == text(date_range)
    with translation.override("en"):
        assert date_range.text() != plain

"""Writing a calendar file: ``calendar_bytes`` writes what icalendar's ``to_ical`` writes, with lines folded
below 75 octets (RFC 5545 §3.1) that icalendar reads back to the same text."""

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Event

from page_types.calendar import LINE_LIMIT, calendar_bytes, fold_line

# Umlauts and the euro sign take two and three octets, which a fold must never split.
DESCRIPTION = (
    "Löten, Programmieren; Messen\\Steuern für Schülerinnen und Schüler der Klassen 8–10 – Kosten: 5 €.\n"
    "Anmeldung: https://example.org/anmeldung?kurs=roboter&jahr=2026 " * 3
)


def calendar_with(description: str) -> Calendar:
    calendar = Calendar.new(prodid="-//Test//DE")
    start = datetime(2026, 8, 3, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    calendar.add_component(
        Event.new(
            uid="occurrence-1@example.org", summary="Roboter-AG, Teil 1", start=start, description=description
        )
    )
    return calendar


TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc"]), max_size=300)


@given(st.one_of(TEXT, st.just(DESCRIPTION)))
def test_the_file_is_what_icalendar_writes(description):
    calendar = calendar_with(description)
    assert calendar_bytes(calendar) == calendar.to_ical()


def test_long_lines_are_folded_below_75_octets_and_read_back_escaped_text():
    body = calendar_bytes(calendar_with(DESCRIPTION))
    lines = body.split(b"\r\n")
    assert len(lines) > 10
    assert all(len(line) < LINE_LIMIT + 1 for line in lines)
    assert b"Roboter-AG\\, Teil 1" in body  # escaped comma
    for line in lines:
        line.decode()  # no fold splits a character
    event = Calendar.from_ical(body).events[0]
    assert str(event["DESCRIPTION"]) == DESCRIPTION
    assert str(event["SUMMARY"]) == "Roboter-AG, Teil 1"


@given(TEXT)
def test_any_line_folds_to_short_lines_that_unfold_to_it(text):
    line = "DESCRIPTION:" + text
    folded = fold_line(line).encode()
    assert all(len(part) < LINE_LIMIT + 1 for part in folded.split(b"\r\n"))
    assert folded.replace(b"\r\n ", b"").decode() == line

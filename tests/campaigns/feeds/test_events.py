"""MINT items name the offer's next date and place: in the text of RSS and Atom, and as the ``_event``
extension object of the JSON Feed. The next date is the offer page's (a date counts until it is over, days in
a row are one range); an offer with past dates only has none."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import formats, timezone, translation

from page_types.models import MintOccurrence
from tests.campaigns.feeding import page_id, parse_feed, parse_json_feed


def rss_and_atom_summaries(client, url: str) -> list[dict[int, str]]:
    return [
        {page_id(entry.id): entry.summary for entry in parse_feed(client.get(url + outlet + "/")).entries}
        for outlet in ("rss", "atom")
    ]


def json_items(client, feed_site) -> dict[int, dict]:
    feed = parse_json_feed(client.get(feed_site.url("mint", "json")))
    return {page_id(item["id"]): item for item in feed["items"]}


def single_date_text(occurrence: MintOccurrence) -> str:
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    with translation.override("de"):
        return f"{formats.date_format(start, 'D, j. F Y, H:i')}–{end:%H:%M} Uhr"


def camp(page, days: int) -> tuple[datetime, datetime]:
    """Replace the offer's dates by ``days`` days in a row, 9 to 15 o'clock, starting on the 3rd of a month
    some weeks ahead; return the first start and the last end."""
    first_day = (timezone.localdate() + timedelta(days=62)).replace(day=3)
    zone = timezone.get_current_timezone()
    MintOccurrence.objects.filter(page=page).delete()
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        MintOccurrence.objects.create(
            page=page,
            start=datetime.combine(day, time(9), zone),
            end=datetime.combine(day, time(15), zone),
        )
    last_day = first_day + timedelta(days=days - 1)
    return datetime.combine(first_day, time(9), zone), datetime.combine(last_day, time(15), zone)


def test_rss_and_atom_items_state_the_next_date_and_place(client, feed_site):
    offer = feed_site.pages["offer_it"]
    [occurrence] = offer.occurrences.all()
    # On its own day from 10 to 13 o'clock, whatever the time the suite runs at (three hours from 21:05
    # would end on the next day, which reads as a range).
    day = timezone.localtime(occurrence.start).date()
    occurrence.start = datetime.combine(day, time(10), timezone.get_current_timezone())
    occurrence.end = occurrence.start + timedelta(hours=3)
    occurrence.save()
    for summaries in rss_and_atom_summaries(client, "/feeds/mint-update/"):
        summary = summaries[offer.pk]
        assert summary.startswith(f"<p>{offer.teaser}</p>")
        # The date's own place, and the municipality the page is for.
        assert f"Nächster Termin: {single_date_text(occurrence)}<br />Ort: Raum 1, Ludwigsburg" in summary


def test_days_in_a_row_are_one_range_in_the_text_and_in_the_json_feed(client, feed_site):
    offer = feed_site.pages["offer_math"]
    start, end = camp(offer, 5)
    with translation.override("de"):
        month = formats.date_format(start, "F Y")
    expected = f"Nächster Termin: 3.–7. {month}, täglich 09:00–15:00 Uhr"
    for summaries in rss_and_atom_summaries(client, "/feeds/mint-update/"):
        assert expected in summaries[offer.pk]

    item = json_items(client, feed_site)[offer.pk]
    assert item["_event"] == {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "daily": True,
        "days": 5,
        "text": expected.removeprefix("Nächster Termin: "),
        "location": {
            "name": "Ludwigsburg",  # no place of the date's own: the offer's
            "address": "",
            "municipalities": ["Tamm"],
            "text": "Ludwigsburg, Tamm",
        },
    }
    assert item["summary"] == offer.teaser
    assert item["content_text"] == f"{offer.teaser}\n\n{expected}\nOrt: Ludwigsburg, Tamm"


def test_json_event_times_are_iso_8601_with_the_offset(client, feed_site):
    offer = feed_site.pages["offer_it"]
    [occurrence] = offer.occurrences.all()
    event = json_items(client, feed_site)[offer.pk]["_event"]
    start = datetime.fromisoformat(event["start"])
    assert start.utcoffset() == timezone.localtime(occurrence.start).utcoffset()
    assert start == occurrence.start
    assert datetime.fromisoformat(event["end"]) == occurrence.end
    assert (event["days"], event["daily"]) == (1, False)
    assert event["location"] == {
        "name": "Raum 1",
        "address": "",
        "municipalities": ["Ludwigsburg"],
        "text": "Raum 1, Ludwigsburg",
    }


def test_a_street_address_is_part_of_the_place_and_a_named_municipality_is_not_repeated(client, feed_site):
    offer = feed_site.pages["offer_it"]
    type(offer).objects.filter(pk=offer.pk).update(street_address="Hindenburgstraße 40, 71638 Ludwigsburg")
    location = json_items(client, feed_site)[offer.pk]["_event"]["location"]
    assert location["text"] == "Raum 1, Hindenburgstraße 40, 71638 Ludwigsburg"
    for summaries in rss_and_atom_summaries(client, "/feeds/mint-update/"):
        assert "Ort: Raum 1, Hindenburgstraße 40, 71638 Ludwigsburg</p>" in summaries[offer.pk]


@pytest.mark.parametrize("ended_ago", [timedelta(minutes=1), timedelta(days=3)])
def test_an_offer_with_past_dates_only_has_no_next_date(client, feed_site, ended_ago):
    offer = feed_site.pages["offer_math"]
    end = timezone.now() - ended_ago
    MintOccurrence.objects.filter(page=offer).update(start=end - timedelta(hours=2), end=end)
    item = json_items(client, feed_site)[offer.pk]
    assert "_event" not in item
    assert item["content_text"] == offer.teaser
    for summaries in rss_and_atom_summaries(client, "/feeds/mint-update/"):
        assert summaries[offer.pk] == offer.teaser


def test_a_date_under_way_is_still_the_next(client, feed_site):
    """The offer page's rule: a date counts until it is over, so a running camp keeps its date."""
    offer = feed_site.pages["offer_math"]
    start, end = timezone.now() - timedelta(hours=1), timezone.now() + timedelta(hours=1)
    MintOccurrence.objects.filter(page=offer).update(start=start, end=end)
    event = json_items(client, feed_site)[offer.pk]["_event"]
    assert datetime.fromisoformat(event["start"]) == start


def test_other_families_have_no_event(client, feed_site):
    feed = parse_json_feed(client.get(feed_site.url("alles", "json")))
    events = {page_id(item["id"]) for item in feed["items"] if "_event" in item}
    assert events == {feed_site.pages["offer_it"].pk, feed_site.pages["offer_math"].pk}

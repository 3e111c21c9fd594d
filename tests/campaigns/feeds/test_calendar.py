"""The iCalendar outlet, read by the icalendar package: one event per date of the channel's MINT offers, with
UIDs that stay, SEQUENCE and LAST-MODIFIED that move when an offer is edited and published again, and the
site's time zone defined in the calendar."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.utils import timezone

from campaigns.selection import select_content
from page_types.models import ContentPage, Interest, MintOccurrence, MintOfferPage, Topic
from page_types.public_urls import public_base_url
from tests.campaigns.feeding import events, parse_calendar

BERLIN = ZoneInfo("Europe/Berlin")


def expected_occurrences(channel) -> set[int]:
    return set(
        MintOccurrence.objects.filter(page_id__in=select_content(channel).values("pk")).values_list(
            "pk", flat=True
        )
    )


def occurrence_ids(calendar) -> set[int]:
    return {int(uid.removeprefix("occurrence-").partition("@")[0]) for uid in events(calendar)}


def backdate_publication(page: ContentPage, hours: int = 2) -> None:
    """Pretend the page was first published a while ago, so that a publish now is a later second."""
    earlier = timezone.now() - timedelta(hours=hours)
    ContentPage.objects.filter(pk=page.pk).update(first_published_at=earlier, last_published_at=earlier)


def test_one_event_per_date_of_the_selected_offers(client, feed_site):
    offer = feed_site.pages["offer_it"]
    start = timezone.now() + timedelta(days=40)
    MintOccurrence.objects.create(page=offer, start=start, place="Aula")
    for channel in ("mint", "alles"):
        calendar = parse_calendar(client.get(feed_site.url(channel, "ics")))
        expected = expected_occurrences(feed_site.channels[channel])
        assert len(expected) == 3
        assert occurrence_ids(calendar) == expected


def test_a_channel_without_offers_is_a_valid_empty_calendar(client, feed_site):
    calendar = parse_calendar(client.get(feed_site.url("wirtschaft", "ics")))
    assert events(calendar) == {}
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) == "Wirtschaft Im Landkreis"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Berlin"


def test_event_fields(client, feed_site):
    offer = MintOfferPage.objects.get(pk=feed_site.pages["offer_it"].pk)
    offer.registration_url = "https://anmeldung.example/robotik"
    offer.save_revision().publish()
    # The offer's topic "Mensch" is a success factor; an interest naming it makes it one readers see.
    Interest.objects.create(name="Menschen", slug="menschen").topics.add(Topic.objects.get(slug="mensch"))
    offer.refresh_from_db()
    occurrence = offer.occurrences.get()

    calendar = parse_calendar(client.get(feed_site.url("mint", "ics")))
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    [timezone_component] = calendar.walk("VTIMEZONE")
    assert str(timezone_component["TZID"]) == "Europe/Berlin"
    # UIDs name the configured public host (PAGE_TYPES_PUBLIC_BASE_URL), not the one the request came in on.
    event = events(calendar)[f"occurrence-{occurrence.pk}@127.0.0.1"]

    assert str(event["SUMMARY"]) == offer.title
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    # iCalendar counts whole seconds, in Berlin time.
    assert event.start == occurrence.start.replace(microsecond=0)
    assert event.start.utcoffset() == occurrence.start.astimezone(BERLIN).utcoffset()
    assert event.end == occurrence.end.replace(microsecond=0)
    assert str(event["LOCATION"]) == "Raum 1"
    assert str(event["URL"]) == f"{public_base_url()}{offer.url}"
    description = str(event["DESCRIPTION"])
    assert offer.teaser in description
    assert "Anmeldung: https://anmeldung.example/robotik" in description
    assert "Kosten: kostenlos" in description
    assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt == offer.last_published_at.replace(microsecond=0)
    assert set(event.categories) == {"Menschen", "Informatik"}


def test_the_offer_location_stands_in_for_a_date_without_a_place(client, feed_site):
    offer = feed_site.pages["offer_math"]
    MintOccurrence.objects.filter(page=offer).update(place="")
    calendar = parse_calendar(client.get(feed_site.url("mint", "ics")))
    occurrence = MintOccurrence.objects.get(page=offer)
    assert str(events(calendar)[f"occurrence-{occurrence.pk}@127.0.0.1"]["LOCATION"]) == "Ludwigsburg"


def test_uids_stay_and_sequence_and_last_modified_move_when_an_offer_is_published_again(client, feed_site):
    offer = MintOfferPage.objects.get(pk=feed_site.pages["offer_it"].pk)
    backdate_publication(offer)
    first_response = client.get(feed_site.url("mint", "ics"))
    cache.clear()  # a rebuilt calendar, not the cached bytes
    again_response = client.get(feed_site.url("mint", "ics"))
    assert first_response.content == again_response.content
    first, again = events(parse_calendar(first_response)), events(parse_calendar(again_response))
    assert first.keys() == again.keys() and len(first) == 2

    offer.refresh_from_db()
    offer.title = "Robotik für Klasse 8–10 (neuer Termin)"
    offer.save_revision().publish()
    edited = events(parse_calendar(client.get(feed_site.url("mint", "ics"))))

    assert edited.keys() == first.keys()
    uid = next(uid for uid, event in edited.items() if str(event["SUMMARY"]).endswith("(neuer Termin)"))
    assert edited[uid].sequence > first[uid].sequence
    assert edited[uid]["LAST-MODIFIED"].dt > first[uid]["LAST-MODIFIED"].dt
    assert edited[uid]["DTSTAMP"].dt > first[uid]["DTSTAMP"].dt
    other = next(u for u in edited if u != uid)
    assert edited[other].sequence == first[other].sequence


def test_dates_that_began_long_ago_drop_out(client, feed_site, settings):
    settings.CAMPAIGNS_CALENDAR_PAST_DAYS = 30
    offer = feed_site.pages["offer_it"]
    recent = MintOccurrence.objects.create(page=offer, start=timezone.now() - timedelta(days=10))
    old = MintOccurrence.objects.create(page=offer, start=timezone.now() - timedelta(days=60))
    found = occurrence_ids(parse_calendar(client.get(feed_site.url("mint", "ics"))))
    assert recent.pk in found and old.pk not in found


def test_limit_keeps_the_soonest_dates(client, feed_site):
    calendar = parse_calendar(client.get(feed_site.url("mint", "ics", "?limit=1")))
    [event] = events(calendar).values()
    assert str(event["SUMMARY"]) == feed_site.pages["offer_it"].title  # in 14 days; the other in 30


def test_calendar_headers(client, feed_site):
    response = client.get(feed_site.url("mint", "ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="mint-update.ics"'
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_the_time_zone_carries_no_english_comment(client, feed_site):
    """icalendar notes the VTIMEZONE's range in English; calendar apps would show it to German readers."""
    MintOccurrence.objects.create(page=feed_site.pages["offer_it"], start=timezone.now() + timedelta(days=40))
    for channel in ("mint", "wirtschaft"):
        response = client.get(feed_site.url(channel, "ics"))
        assert b"This timezone" not in response.content
        calendar = parse_calendar(response)
        [timezone_component] = calendar.walk("VTIMEZONE")
        assert str(timezone_component["TZID"]) == "Europe/Berlin"
        assert "COMMENT" not in timezone_component
        assert {sub.name for sub in timezone_component.subcomponents} == {"STANDARD", "DAYLIGHT"}
        berlin = timezone_component.to_tz()
        for month, offset in ((1, 1), (7, 2)):  # winter and summer time, within the next year
            day = next_day_of_month(month)
            assert berlin.utcoffset(datetime(day.year, day.month, day.day, 12)) == timedelta(hours=offset)


def next_day_of_month(month: int) -> date:
    """The 15th of ``month`` that comes next: inside the range the calendar's time zone covers."""
    today = timezone.localdate()
    day = today.replace(month=month, day=15)
    return day if day >= today else day.replace(year=today.year + 1)

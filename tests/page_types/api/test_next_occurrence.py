"""Event-aware queries of MINT offers: the field ``next_occurrence``, ``order=next_occurrence`` and
``occurrences=upcoming``, all on the one rule of which dates are not yet over (``querysets.not_over``) that
the site's listing and the calendar follow as well; answers that depend on it move on with the clock."""

from collections.abc import Iterator
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from page_types.models import MintOccurrence, MintOfferPage
from tests.clock import Clock
from tests.factories import make_offer
from tests.page_types.api.conftest import content_error, get_json
from tests.page_types.api.test_caching import backdate_last_change
from tests.page_types.conftest import built_on_the_site
from tests.sharing import for_the_test, fresh_pages, primary_keys

OFFERS = "/api/v2/pages/?type=page_types.MintOfferPage&fields=title,next_occurrence,occurrences"


def build_offers(site: dict) -> dict[str, MintOfferPage]:
    """Five offers: one starting soon, one under way (and again later), one with a past and a future date,
    one only in the past, one without dates ("ongoing")."""
    now = timezone.now()
    offers = {
        "soon": make_offer(site["mint"], "Bald", starts_in=timedelta(days=2)),
        "running": make_offer(site["mint"], "Läuft", starts_in=None),
        "later": make_offer(site["mint"], "Später", starts_in=timedelta(days=-10)),
        "past": make_offer(site["mint"], "Vorbei", starts_in=timedelta(days=-5)),
        "dateless": make_offer(site["mint"], "Laufend", starts_in=None),
    }
    dates = {
        "running": [(now - timedelta(hours=1), now + timedelta(days=1)), (now + timedelta(days=20), None)],
        "later": [(now - timedelta(days=10), None), (now + timedelta(days=10), None)],
    }
    for name, ranges in dates.items():
        offer = offers[name]
        offer.occurrences = [MintOccurrence(start=start, end=end) for start, end in ranges]
        offer.save_revision().publish()
    offers["dateless"].ongoing = True
    offers["dateless"].save_revision().publish()
    return offers


@pytest.fixture(scope="module")
def offers_keys(request, site_keys, django_db_blocker) -> Iterator[dict[str, int] | None]:
    yield from built_on_the_site(request, site_keys, django_db_blocker, build_offers, primary_keys)


@pytest.fixture
def offers(site, offers_keys) -> dict[str, MintOfferPage]:
    """The module's five offers (``build_offers``), read afresh for the test."""
    return for_the_test(offers_keys, lambda: build_offers(site), fresh_pages)


def listing(client, query: str = "") -> list[dict]:
    status, body = get_json(client, OFFERS + query)
    assert status == 200, body
    return body["items"]


def starts(dates: list[dict]) -> list:
    return [parse_datetime(date["start"]) for date in dates]


def test_next_occurrence_is_the_first_date_not_yet_over(client, offers):
    by_title = {item["title"]: item for item in listing(client)}
    running = offers["running"].occurrences.order_by("start")
    assert parse_datetime(by_title["Läuft"]["next_occurrence"]["start"]) == running[0].start, "under way"
    assert by_title["Läuft"]["next_occurrence"]["end"] is not None
    later = offers["later"].occurrences.order_by("start").last()
    assert by_title["Später"]["next_occurrence"] == {
        "id": later.pk,
        "start": by_title["Später"]["occurrences"][1]["start"],
        "end": None,
        "place": "",
    }
    assert by_title["Vorbei"]["next_occurrence"] is None
    assert by_title["Laufend"]["next_occurrence"] is None


def test_detail_has_next_occurrence_too(client, offers):
    status, body = get_json(client, f"/api/v2/pages/{offers['soon'].pk}/")
    assert status == 200
    assert body["next_occurrence"]["start"] == body["occurrences"][0]["start"]


def test_order_by_next_occurrence_puts_the_soonest_first_and_offers_without_a_date_ahead_last(client, offers):
    titles = [item["title"] for item in listing(client, "&order=next_occurrence")]
    assert titles[:3] == ["Läuft", "Bald", "Später"]
    assert set(titles[3:]) == {"Vorbei", "Laufend"}
    titles = [item["title"] for item in listing(client, "&order=-next_occurrence")]
    assert titles[:3] == ["Später", "Bald", "Läuft"]
    assert set(titles[3:]) == {"Vorbei", "Laufend"}


def test_the_order_is_the_site_listings(client, offers, site):
    """The API and the MINT index page order by the same rule."""
    api = [item["id"] for item in listing(client, "&order=next_occurrence") if item["next_occurrence"]]
    site_order = [page.pk for page in site["mint"].specific.listed_pages() if page.next_occurrence]
    assert api == site_order


def test_occurrences_upcoming_shows_only_dates_not_yet_over(client, offers):
    everything = {item["title"]: item["occurrences"] for item in listing(client)}
    upcoming = {item["title"]: item["occurrences"] for item in listing(client, "&occurrences=upcoming")}
    assert len(everything["Später"]) == 2 and upcoming["Später"] == everything["Später"][1:]
    assert upcoming["Läuft"] == everything["Läuft"], "a date under way still counts"
    assert everything["Vorbei"] and upcoming["Vorbei"] == []
    status, body = get_json(client, f"/api/v2/pages/{offers['later'].pk}/?occurrences=upcoming")
    assert status == 200 and len(body["occurrences"]) == 1


def test_the_api_and_the_calendar_follow_one_rule_at_the_edge(client, offers):
    """A date without an end is over once its start has passed, one with an end once its end has."""
    offer = offers["later"]
    later = offer.occurrences.order_by("start").last()
    url = f"/api/v2/pages/{offer.pk}/"
    annotated = MintOfferPage.objects.filter(pk=offer.pk).with_next_occurrence
    clock = Clock(later.start)
    with mock.patch("django.utils.timezone.now", clock):
        assert offer.upcoming_occurrences() == [later]
        assert get_json(client, url)[1]["next_occurrence"]["id"] == later.pk
        assert annotated()[0].next_occurrence == later.start
        clock.advance(1)
        assert offer.upcoming_occurrences() == []
        assert get_json(client, url)[1]["next_occurrence"] is None
        assert annotated()[0].next_occurrence is None


def test_an_answer_with_the_next_date_is_not_kept_once_that_date_is_over(client, offers):
    running = offers["running"].occurrences.order_by("start")
    clock = Clock()
    url = f"/api/v2/pages/{offers['running'].pk}/"
    backdate_last_change()
    with mock.patch("django.utils.timezone.now", clock):
        first = client.get(url)
        assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
        assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304
        clock.now = running[0].end + timedelta(seconds=2)
        again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 200
    assert again.status_code == 200
    assert starts([again.json()["next_occurrence"]]) == [running[1].start]


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        (
            "?type=page_types.LighthouseStoryPage&order=next_occurrence",
            "order",
            "Sortieren nach „next_occurrence“ geht nicht; möglich: ",
        ),
        (
            "?type=page_types.MintOfferPage&order=next_occurrence&search=Robotik",
            "order",
            "Bei einer Suche lässt sich nicht nach „next_occurrence“ sortieren.",
        ),
        (
            "?type=page_types.MintOfferPage&occurrences=kommende",
            "occurrences",
            "Bitte eine gültige Auswahl treffen. kommende ist keine gültige Auswahl.",
        ),
    ],
)
def test_bad_input_is_refused_in_german(client, offers, query, parameter, message):
    status, body = get_json(client, "/api/v2/pages/" + query)
    assert status == 400
    assert body["errors"][parameter][0].startswith(message)
    assert body == content_error(400, body["detail"], parameter)

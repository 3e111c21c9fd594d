"""The filters of ``/api/v2/pages/`` select what the index pages, feeds and channels select.

A topic includes its sub-topics, a municipality includes pages for the whole district, ``upcoming`` keeps
offers with a date or registration deadline ahead (and ongoing ones), and filters that only MINT offers
or milestones have imply that type.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import make_milestone, make_news, make_offer, make_story
from tests.page_types.api.conftest import get_json

# Its tests search, so saving a page indexes it (tests/conftest.py).
pytestmark = pytest.mark.search_index


def publish_on(page, day: date):
    page.publish_date = day
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(site) -> dict:
    """Four MINT offers (ahead by date, past, ongoing, ahead by deadline), a story and a news item with
    publish dates, and two milestones."""
    robotics = make_offer(
        site["mint"], "Robotik", topics=["fachkraeftegewinnung"], municipalities=["ludwigsburg"]
    )
    make_offer(
        site["mint"],
        "Chemie",
        starts_in=timedelta(days=-30),
        subjects=("naturwissenschaften",),
        grade_bands=("klasse-5-7",),
        topics=["raum"],
    )
    internship = make_offer(site["mint"], "Praktikum", starts_in=None, subjects=("technik",))
    internship.ongoing = True
    internship.save_revision().publish()
    deadline = make_offer(site["mint"], "Wettbewerb", starts_in=None, subjects=("mathematik",))
    deadline.registration_deadline = timezone.localdate() + timedelta(days=3)
    deadline.kind = "competition"
    deadline.save_revision().publish()
    publish_on(
        make_story(site["lighthouse"], "Bosch", topics=["mensch"], municipalities=["tamm"]), date(2024, 5, 1)
    )
    publish_on(make_news(site["news"], "Gewerbesteuer", municipalities=["murr"]), date(2025, 1, 10))
    make_milestone(site["history"], "Erste Mühle", year=1850, topics=["raum"])
    make_milestone(site["history"], "Erster Computer", year=1965)
    return {**site, "robotics": robotics}


def titles(client, query: str) -> list[str]:
    status, body = get_json(client, f"/api/v2/pages/?{query}")
    assert status == 200, body
    return [item["title"] for item in body["items"]]


def test_a_topic_includes_its_sub_topics(client, pages):
    assert sorted(titles(client, "topic=mensch")) == ["Bosch", "Robotik"]
    assert titles(client, "topic=fachkraeftegewinnung") == ["Robotik"]
    assert sorted(titles(client, "topic=raum,mensch")) == ["Bosch", "Chemie", "Erste Mühle", "Robotik"]


def test_a_municipality_includes_pages_for_the_whole_district(client, pages):
    tagged_elsewhere = {"Bosch", "Gewerbesteuer"}
    everything = set(titles(client, "type=page_types.ContentPage&limit=50"))
    assert set(titles(client, "municipality=ludwigsburg&limit=50")) == everything - tagged_elsewhere
    assert "Gewerbesteuer" in titles(client, "municipality=murr&limit=50")


def test_mint_filters_select_offers_by_subject_and_grade_band(client, pages):
    assert titles(client, "subject=informatik") == ["Robotik"]
    assert sorted(titles(client, "subject=informatik,naturwissenschaften")) == ["Chemie", "Robotik"]
    assert titles(client, "grade_band=klasse-5-7") == ["Chemie"]
    assert titles(client, "type=page_types.MintOfferPage&subject=technik&grade_band=klasse-8-10") == [
        "Praktikum"
    ]


def test_term_filters_accept_the_plural_names_of_their_fields(client, pages):
    assert sorted(titles(client, "topics=raum,mensch")) == sorted(titles(client, "topic=raum,mensch"))
    assert titles(client, "subjects=informatik&grade_bands=klasse-8-10") == ["Robotik"]
    assert "Gewerbesteuer" in titles(client, "municipalities=murr&limit=50")
    status, body = get_json(client, "/api/v2/pages/?topic=raum&topics=mensch")
    assert (status, body["errors"]) == (
        400,
        {"topics": ["„topics“ und „topic“ bedeuten dasselbe; bitte nur eines angeben."]},
    )
    status, body = get_json(client, "/api/v2/pages/?subjects=latein")
    assert status == 400 and list(body["errors"]) == ["subject"]


def test_upcoming_keeps_offers_with_a_date_or_deadline_ahead_and_ongoing_ones(client, pages):
    assert sorted(titles(client, "upcoming=true")) == ["Praktikum", "Robotik", "Wettbewerb"]
    assert len(titles(client, "upcoming=false")) == 4


def test_publish_date_ranges_are_exclusive(client, pages):
    assert titles(client, "published_after=2024-05-01&published_before=2025-01-11") == ["Gewerbesteuer"]
    assert titles(client, "published_after=2024-04-30&published_before=2025-01-10") == ["Bosch"]


def test_era_and_field_filters(client, pages):
    assert titles(client, "era=1950-1989") == ["Erster Computer"]
    assert titles(client, "type=page_types.InnovationMilestonePage&year=1850") == ["Erste Mühle"]
    assert titles(client, "type=page_types.MintOfferPage&kind=competition") == ["Wettbewerb"]
    assert titles(client, "type=page_types.MintOfferPage&ongoing=true") == ["Praktikum"]
    assert titles(client, "slug=bosch") == ["Bosch"]


def test_a_link_filter_without_a_scheme_means_https(client, pages):
    pages["robotics"].registration_url = "https://example.org/anmeldung"
    pages["robotics"].save_revision().publish()
    query = "type=page_types.MintOfferPage&registration_url="
    assert titles(client, query + "example.org/anmeldung") == ["Robotik"]
    assert titles(client, query + "http://example.org/anmeldung") == []


def test_several_types_share_the_fields_of_their_common_base(client, pages):
    status, body = get_json(
        client, "/api/v2/pages/?type=page_types.LighthouseStoryPage,page_types.InternalNewsPage&fields=*"
    )
    assert {item["meta"]["type"] for item in body["items"]} == {
        "page_types.LighthouseStoryPage",
        "page_types.InternalNewsPage",
    }
    assert all("teaser" in item and "topics" in item and "body" not in item for item in body["items"])


def test_order_default_order_limit_and_offset(client, pages):
    assert titles(client, "type=page_types.InternalNewsPage,page_types.LighthouseStoryPage") == [
        "Gewerbesteuer",
        "Bosch",
    ]
    assert titles(client, "type=page_types.InnovationMilestonePage") == ["Erste Mühle", "Erster Computer"]
    assert titles(client, "type=page_types.MintOfferPage&order=title") == [
        "Chemie",
        "Praktikum",
        "Robotik",
        "Wettbewerb",
    ]
    assert titles(client, "type=page_types.MintOfferPage&order=-title&limit=2&offset=1") == [
        "Robotik",
        "Praktikum",
    ]
    status, body = get_json(client, "/api/v2/pages/?type=page_types.MintOfferPage&limit=0")
    assert body == {"meta": {"total_count": 4}, "items": []}


def test_search_within_filters_by_relevance_or_order(client, pages):
    assert titles(client, "search=Robotik") == ["Robotik"]
    assert titles(client, "search=Teaser&subject=informatik,technik&order=-title") == ["Robotik", "Praktikum"]
    assert titles(client, "search=Teaser&type=page_types.InternalNewsPage") == ["Gewerbesteuer"]


def test_tree_filters(client, pages):
    mint = pages["mint"].pk
    assert len(titles(client, f"child_of={mint}")) == 4
    assert titles(client, "child_of=root&type=page_types.MintIndexPage") == ["MINT-Angebote"]
    assert len(titles(client, f"descendant_of={pages['home'].pk}&type=page_types.ContentPage&limit=50")) == 8
    assert titles(client, f"ancestor_of={pages['robotics'].pk}&order=id") == ["Startseite", "MINT-Angebote"]

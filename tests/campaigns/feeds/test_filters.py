"""Feed filters narrow the channel's selection like the index pages do, and bad input is a 400 with a German
message naming the parameter — never a 500."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.selection import select_content
from page_types.models import GradeBand, MintOfferPage, MintSubject, Municipality, Topic
from tests.campaigns.feeding import events, ids, item_ids, parse_calendar

OUTLETS = ("rss", "atom", "json", "ics")


def test_topic_and_municipality_narrow_every_family(client, feed_site):
    channel = feed_site.channels["alles"]
    raum = Topic.objects.get(name="Raum")
    tamm = Municipality.objects.get(slug="tamm")
    pages = select_content(channel)

    by_topic = item_ids(client.get(feed_site.url("alles", "rss", f"?topic={raum.slug}")), "rss")
    assert by_topic == ids(pages.matching(topics=[raum]))
    assert {feed_site.pages[key].pk for key in ("news_all", "story", "milestone")} == set(by_topic)

    by_town = item_ids(client.get(feed_site.url("alles", "json", "?municipality=tamm")), "json")
    assert by_town == ids(pages.matching(municipalities=[tamm]))
    # Tamm's own pages and those for the whole district; Ludwigsburg's are left out.
    assert feed_site.pages["offer_math"].pk in by_town and feed_site.pages["news_all"].pk in by_town
    assert feed_site.pages["news_lb"].pk not in by_town and feed_site.pages["offer_it"].pk not in by_town


def test_a_parent_topic_includes_its_sub_topics(client, feed_site):
    infrastruktur = Topic.objects.get(name="Infrastruktur")
    found = item_ids(client.get(feed_site.url("alles", "atom", f"?topic={infrastruktur.slug}")), "atom")
    assert feed_site.pages["story"].pk in found  # tagged "Raum", a sub-topic of Infrastruktur


def test_subject_and_grade_band_narrow_mint_offers_and_let_other_families_pass(client, feed_site):
    found = set(item_ids(client.get(feed_site.url("alles", "rss", "?subject=informatik")), "rss"))
    everything = set(ids(select_content(feed_site.channels["alles"])))
    assert found == everything - {feed_site.pages["offer_math"].pk}

    found = set(item_ids(client.get(feed_site.url("alles", "rss", "?grade_band=klasse-5-7")), "rss"))
    assert found == everything - {feed_site.pages["offer_it"].pk}


def test_a_school_calendar_for_informatik_grade_8_to_10_in_ludwigsburg(client, feed_site):
    query = "?subject=informatik&grade_band=klasse-8-10&municipality=ludwigsburg"
    calendar = parse_calendar(client.get(feed_site.url("mint", "ics", query)))
    offer = feed_site.pages["offer_it"]
    assert {str(event["SUMMARY"]) for event in events(calendar).values()} == {offer.title}

    offers = MintOfferPage.objects.live()
    subject, band = MintSubject.objects.get(slug="informatik"), GradeBand.objects.get(slug="klasse-8-10")
    assert ids(offers.matching(subjects=[subject], grade_bands=[band])) == [offer.pk]


def calendar_summaries(client, feed_site, query: str) -> set[str]:
    """The titles of the events in the MINT channel's calendar with ``query``."""
    calendar = parse_calendar(client.get(feed_site.url("mint", "ics", query)))
    return {str(event["SUMMARY"]) for event in events(calendar).values()}


def test_a_calendar_of_ludwigsburg_and_the_municipalities_around(client, feed_site):
    # Tamm, where the Mathematik offer takes place, lies 6 km from Ludwigsburg.
    def summaries(query: str) -> set[str]:
        return calendar_summaries(client, feed_site, query)

    it, math = feed_site.pages["offer_it"].title, feed_site.pages["offer_math"].title
    assert summaries("?municipality=ludwigsburg") == {it}
    assert summaries("?municipality=ludwigsburg&radius=5") == {it}
    assert summaries("?municipality=ludwigsburg&radius=10") == {it, math}
    assert summaries("?municipality=ludwigsburg&radius=10&subject=mathematik") == {math}


@pytest.mark.parametrize("outlet", ("rss", "atom", "json"))
def test_several_slugs_mean_any_of_them_as_in_the_api(client, feed_site, outlet):
    pages = select_content(feed_site.channels["alles"])
    subjects = list(MintSubject.objects.filter(slug__in=["informatik", "mathematik"]))
    towns = list(Municipality.objects.filter(slug__in=["tamm", "ludwigsburg"]))
    found = item_ids(client.get(feed_site.url("alles", outlet, "?subject=informatik,mathematik")), outlet)
    assert found == ids(pages.matching(subjects=subjects))
    assert {feed_site.pages["offer_it"].pk, feed_site.pages["offer_math"].pk} <= set(found)
    found = item_ids(client.get(feed_site.url("alles", outlet, "?municipality=tamm,ludwigsburg")), outlet)
    assert found == ids(pages.matching(municipalities=towns))
    assert {feed_site.pages["news_lb"].pk, feed_site.pages["story"].pk} <= set(found)


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("topics=mensch", "topic=mensch"),
        ("interests=ausbildung-beruf", "interest=ausbildung-beruf"),
        ("municipalities=tamm", "municipality=tamm"),
        ("subjects=informatik", "subject=informatik"),
        ("grade_bands=klasse-5-7", "grade_band=klasse-5-7"),
    ],
)
def test_the_term_filters_answer_to_their_plural_names_as_in_the_api(client, feed_site, plural, singular):
    by_plural = item_ids(client.get(feed_site.url("alles", "json", f"?{plural}")), "json")
    assert by_plural == item_ids(client.get(feed_site.url("alles", "json", f"?{singular}")), "json")
    assert by_plural != item_ids(client.get(feed_site.url("alles", "json")), "json")


def test_a_calendar_around_several_municipalities(client, feed_site):
    it, math = feed_site.pages["offer_it"].title, feed_site.pages["offer_math"].title
    assert calendar_summaries(client, feed_site, "?municipality=ludwigsburg&radius=5") == {it}
    assert calendar_summaries(client, feed_site, "?municipalities=ludwigsburg,tamm&radius=5") == {it, math}
    query = "?municipality=ludwigsburg,tamm&grade_band=klasse-5-7,ausbildung-studium"
    assert calendar_summaries(client, feed_site, query) == {math}


def test_a_radius_around_several_municipalities_costs_the_queries_of_one(client, feed_site):
    def queries(towns: str) -> int:
        cache.clear()  # built from the database, not answered from the feed cache
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(feed_site.url("mint", "ics", f"?municipalities={towns}&radius=10")).status_code
                == 200
            )
        return len(captured)

    assert queries("ludwigsburg") == queries("ludwigsburg,tamm,asperg,kornwestheim")


@pytest.mark.parametrize("outlet", OUTLETS)
@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("?topic=gibt-es-nicht", "topic", "Unbekannt: gibt-es-nicht."),
        ("?municipality=Atlantis", "municipality", "Unbekannt: Atlantis."),
        ("?subject=latein", "subject", "Unbekannt: latein."),
        ("?subjects=informatik,latein,griechisch", "subject", "Unbekannt: griechisch, latein."),
        ("?grade_band=" + ",".join(f"k{n}" for n in range(51)), "grade_band", "Höchstens 50 Werte."),
        ("?topic=mensch&topics=raum", "topics", "„topics“ und „topic“ bedeuten dasselbe"),
        ("?grade_band=%00", "grade_band", "Nullzeichen sind nicht erlaubt"),
        ("?limit=zehn", "limit", "ganze Zahl"),
        ("?limit=0", "limit", "größer oder gleich 1"),
        ("?limit=501", "limit", "kleiner oder gleich 500"),
        ("?themen=mensch", "themen", "Unbekannter Parameter: themen"),
        ("?topic=mensch&topic=raum", "topic", "nur einmal vorkommen: topic"),
        ("?municipality=ludwigsburg&radius=7", "radius", "Diesen Umkreis gibt es nicht"),
        ("?radius=10", "radius", "Bitte wählen Sie eine Kommune, in deren Nähe gesucht werden soll"),
    ],
)
def test_bad_filters_are_a_400_with_a_german_message(client, feed_site, outlet, query, parameter, message):
    response = client.get(feed_site.url("mint", outlet, query), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    # The JSON Feed answers like the APIs, with problem details (RFC 9457); the others in plain text.
    expected = "application/problem+json" if outlet == "json" else "text/plain; charset=utf-8"
    assert response["Content-Type"] == expected
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode()
    assert message in text and parameter in text


def test_filters_are_checked_before_the_channel_is_served_from_the_cache(client, feed_site):
    assert client.get(feed_site.url("mint", "rss")).status_code == 200
    assert client.get(feed_site.url("mint", "rss", "?topic=gibt-es-nicht")).status_code == 400


def test_unknown_channel_is_a_404_even_with_bad_filters(client, feed_site):
    assert client.get("/feeds/gibt-es-nicht/rss/?topic=gibt-es-nicht").status_code == 404


def test_only_get_and_head(client, feed_site):
    assert client.post(feed_site.url("mint", "rss")).status_code == 405
    assert client.head(feed_site.url("mint", "rss")).status_code == 200


QUERY_NAMES = st.sampled_from(["topic", "municipality", "subject", "grade_band", "limit", "seite", "x"])
QUERY_VALUES = st.one_of(
    st.sampled_from(["mensch", "tamm", "informatik", "klasse-8-10", "5", "-1", "9" * 30, ""]),
    st.text(max_size=30),
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.lists(st.tuples(QUERY_NAMES, QUERY_VALUES), max_size=4), outlet=st.sampled_from(OUTLETS))
def test_no_query_string_causes_a_server_error(client, feed_site, query, outlet):
    response = client.get(feed_site.url("alles", outlet), query)
    assert response.status_code in (200, 400)

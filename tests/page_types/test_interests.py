"""Readers see what a page is about as the interests its topics belong to; the editorial topics (the
strategy's success factors) stay the staff's words and never reach a reader."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from page_types.models import Interest, Topic
from page_types.taxonomy import shown_interests
from tests.factories import make_news, make_story
from tests.page_types.markup import soup, text_of
from tests.page_types.test_head import json_ld


def facts(response) -> dict[str, str]:
    """The page's facts box (``dt`` → ``dd``)."""
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in soup(response).select("dt")
    }


def test_a_page_shows_its_interests_and_never_its_editorial_topics(client, site):
    page = make_news(
        site["news"], "Neue Ausbildungsplätze", topics=["fachkraeftegewinnung", "innenkommunikation"]
    )
    response = client.get(page.url)
    assert facts(response)["Themen"] == "Ausbildung & Beruf"
    text = text_of(response)
    assert "Fachkräftegewinnung" not in text and "Innenkommunikation" not in text and "›" not in text


def test_a_page_with_internal_topics_only_shows_no_themes(client, site):
    page = make_story(site["lighthouse"], "Verwaltung intern", topics=["innenkommunikation", "image"])
    response = client.get(page.url)
    assert "Themen" not in facts(response)
    assert "Innenkommunikation" not in text_of(response)


def test_structured_data_names_the_interests_as_keywords(client, site):
    page = make_news(
        site["news"], "Ein Forschungszentrum", topics=["wissenschaft-wirtschaft", "innenkommunikation"]
    )
    [article] = [node for node in json_ld(client, page)["@graph"] if node["@type"] == "Article"]
    assert article["keywords"] == "Forschung & Technik, Unternehmen vor Ort"


def test_an_interest_gathers_the_topics_it_names_and_their_sub_topics(db):
    people = Interest.objects.create(name="Menschen", slug="menschen", sort_order=1)
    people.topics.add(Topic.objects.get(slug="mensch"))
    by_topic = Interest.objects.by_topic()
    topics = Topic.objects.filter(slug__in=["fachkraeftegewinnung", "raum"])
    assert [interest.slug for interest in shown_interests(topics, by_topic)] == [
        "ausbildung-beruf",
        "menschen",  # through "Mensch", the parent of "Fachkräftegewinnung"
        "wohnen-mobilitaet",
    ]
    gathered = Interest.objects.filter(slug="menschen").topic_slugs()["menschen"]
    assert {"mensch", "fachkraeftegewinnung", "lebenswerter-landkreis", "arbeit"} <= gathered
    assert "raum" not in gathered


def test_the_seeded_interests_leave_the_internal_topics_out(db):
    gathered = set().union(*Interest.objects.topic_slugs().values())
    assert {"innenkommunikation", "aussenkommunikation", "verwaltung-als-impulsgeber"}.isdisjoint(gathered)
    assert list(Interest.objects.values_list("name", flat=True)) == [
        "Ausbildung & Beruf",
        "Forschung & Technik",
        "Unternehmen vor Ort",
        "Wohnen & Mobilität",
        "Leben & Ankommen",
    ]
    assert all(Interest.objects.values_list("description", flat=True))


def test_the_api_filters_by_interest(client, site):
    wanted = make_news(site["news"], "Wohnungsbau in Tamm", topics=["raum"])
    make_news(site["news"], "Intern", topics=["innenkommunikation"])
    response = client.get(
        "/api/v2/pages/", {"type": "page_types.InternalNewsPage", "interest": "wohnen-mobilitaet"}
    )
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == [wanted.pk]


def test_the_api_names_a_pages_interests_beside_its_editorial_topics(client, site):
    make_news(site["news"], "Wohnen in Tamm", topics=["raum", "innenkommunikation"])
    response = client.get(
        "/api/v2/pages/", {"type": "page_types.InternalNewsPage", "fields": "interests,topics"}
    )
    [item] = response.json()["items"]
    assert [(interest["slug"], interest["name"]) for interest in item["interests"]] == [
        ("wohnen-mobilitaet", "Wohnen & Mobilität")
    ]
    assert {topic["slug"] for topic in item["topics"]} == {"raum", "innenkommunikation"}


def test_a_page_reads_its_interests_once_for_the_facts_and_the_structured_data(client, site):
    page = make_news(site["news"], "Ein Forschungszentrum", topics=["wissenschaft-wirtschaft"])
    client.get(page.url)  # warm what every page reads (site, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    assert "Forschung & Technik" in text_of(response)
    mapping_reads = [q for q in captured.captured_queries if "page_types_interest_topics" in q["sql"]]
    assert len(mapping_reads) == 1

"""The site search at /suche/: results across the families with type, teaser, date and municipality, filters
as links, pagination, highlighted words, "Meinten Sie …?", help when nothing is found, and no search words in
the logs."""

import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from page_types.models import MintOfferPage
from page_types.search.highlight import highlight, query_terms
from tests.factories import make_milestone, make_news, make_offer, make_story
from tests.page_types.markup import assert_accessible_structure, soup, text_of

# Its tests search, so saving a page indexes it (tests/conftest.py).
pytestmark = pytest.mark.search_index


def hit_titles(response) -> list[str]:
    return [" ".join(title.get_text().split()) for title in soup(response).select(".search-hit-title")]


def filter_links(response, group: str) -> dict[str, str]:
    """Label → href of the links of one filter group (``family``, ``municipality``, ``topic``)."""
    heading = soup(response).find("h3", id=f"filter-{group}")
    assert heading is not None, f"no filter group {group}"
    return {" ".join(a.get_text().split()): a["href"] for a in heading.find_next_sibling("ul").find_all("a")}


@pytest.fixture
def content(site) -> dict:
    offer = make_offer(
        site["mint"], "Robotik-Workshop", municipalities=["ludwigsburg"], topics=["fachkraeftegewinnung"]
    )
    story = make_story(
        site["lighthouse"], "Antriebe aus Kornwestheim", municipalities=["kornwestheim"], topics=["mensch"]
    )
    news = make_news(site["news"], "Neue Robotik-Halle eröffnet", topics=["wissenschaft-wirtschaft"])
    milestone = make_milestone(site["history"], "Der erste Industrieroboter", year=1974)
    return {**site, "offer": offer, "story": story, "news": news, "milestone": milestone}


def test_the_search_page_is_named_and_answers_at_suche(client, site):
    assert reverse("search") == "/suche/"
    response = client.get("/suche/")
    assert response.status_code == 200
    document = soup(response)
    assert_accessible_structure(document)
    assert document.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_results_show_family_highlighted_title_teaser_date_and_municipality(client, content):
    response = client.get("/suche/", {"q": "Robotik"})
    assert response.status_code == 200
    assert_accessible_structure(soup(response))
    assert sorted(hit_titles(response)) == ["Neue Robotik-Halle eröffnet", "Robotik-Workshop"]
    hit = next(
        article for article in soup(response).select(".search-hit") if "Workshop" in article.h3.get_text()
    )
    assert hit.select_one(".kicker").get_text() == "MINT-Angebot"
    assert hit.h3.a["href"] == content["offer"].url
    assert [mark.get_text() for mark in hit.find_all("mark")] == ["Robotik", "Robotik"]  # title, teaser
    assert hit.select_one(".search-hit-teaser").get_text() == "Teaser: Robotik-Workshop"
    facts = {div.dt.get_text(): div.dd for div in hit.select("dl > div")}
    assert (
        facts["Nächster Termin"]
        .find("time")["datetime"]
        .startswith(content["offer"].occurrences.first().start.astimezone().date().isoformat())
    )
    assert facts["Kommunen"].get_text() == "Ludwigsburg"
    news = next(a for a in soup(response).select(".search-hit") if "Halle" in a.h3.get_text())
    assert news.select_one(".kicker").get_text() == "Nachricht"
    assert {div.dt.get_text(): div.dd.get_text() for div in news.select("dl > div")}["Kommunen"] == (
        "Ganzer Landkreis"
    )
    assert "1 Treffer" not in text_of(response) and "2 Treffer für „Robotik“." in text_of(response)


def test_all_words_must_match_and_the_vocabulary_of_a_page_is_searched(client, content):
    assert hit_titles(client.get("/suche/", {"q": "Robotik Halle"})) == ["Neue Robotik-Halle eröffnet"]
    # Subject, grade band and municipality names are searchable although the page text does not say them.
    assert hit_titles(client.get("/suche/", {"q": "Informatik"})) == ["Robotik-Workshop"]
    assert hit_titles(client.get("/suche/", {"q": "Kornwestheim"})) == ["Antriebe aus Kornwestheim"]


def test_filter_links_narrow_by_family_municipality_and_topic(client, content):
    response = client.get("/suche/", {"q": "Robotik"})
    families = filter_links(response, "family")
    assert families == {
        "Alle Bereiche": "?q=Robotik",
        "MINT-Angebote (1)": "?q=Robotik&family=mint-angebote",
        "Nachrichten (1)": "?q=Robotik&family=nachrichten",
    }
    narrowed = client.get("/suche/" + families["MINT-Angebote (1)"])
    assert hit_titles(narrowed) == ["Robotik-Workshop"]
    # The other families stay offered, with their counts, and the chosen one is marked.
    assert filter_links(narrowed, "family") == families
    chosen = soup(narrowed).find("a", href="?q=Robotik&family=mint-angebote")
    assert chosen["aria-current"] == "true"

    municipality = filter_links(response, "municipality")
    assert municipality["Ludwigsburg"] == "?q=Robotik&municipality=ludwigsburg"
    # A municipality includes the pages for the whole district, as on the index pages.
    assert sorted(hit_titles(client.get("/suche/" + municipality["Ludwigsburg"]))) == [
        "Neue Robotik-Halle eröffnet",
        "Robotik-Workshop",
    ]
    # Readers narrow by the interests the results' topics belong to, never by the editorial topics.
    interests = filter_links(response, "interest")
    assert set(interests) == {
        "Alle Themen",
        "Ausbildung & Beruf",
        "Forschung & Technik",
        "Unternehmen vor Ort",
    }
    assert hit_titles(client.get("/suche/" + interests["Forschung & Technik"])) == [
        "Neue Robotik-Halle eröffnet"
    ]


def test_an_interest_finds_the_pages_of_its_topics_and_filters_alone_list_pages(client, content):
    response = client.get("/suche/", {"interest": "ausbildung-beruf"})
    assert response.status_code == 200
    # "Ausbildung & Beruf" gathers "Fachkräftegewinnung"; a page tagged only "Mensch" belongs to no interest.
    assert set(hit_titles(response)) == {"Robotik-Workshop"}


def test_new_words_search_within_the_chosen_filters(client, content):
    document = soup(client.get("/suche/", {"q": "Robotik", "family": "nachrichten"}))
    form = document.find("form", class_="search-form")
    assert {field["name"]: field["value"] for field in form.find_all("input", type="hidden")} == {
        "family": "nachrichten"
    }


def test_results_are_paginated_keeping_the_search(client, site):
    for number in range(12):
        make_news(site["news"], f"Robotik-Meldung {number:02d}")
    first = client.get("/suche/", {"q": "Robotik"})
    assert len(hit_titles(first)) == 10
    assert "Seite 1 von 2." in text_of(first)
    next_link = soup(first).find("a", rel="next")["href"]
    assert next_link == "?q=Robotik&seite=2"
    second = client.get("/suche/" + next_link)
    assert len(hit_titles(second)) == 2
    assert soup(second).find("ol", class_="search-hits")["start"] == "11"
    assert set(hit_titles(first)).isdisjoint(hit_titles(second))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "Robotik", "seite": "7"}, "Diese Seite der Ergebnisliste gibt es nicht."),
        ({"q": "Robotik", "seite": "zwei"}, "Diese Seite der Ergebnisliste gibt es nicht."),
        ({"q": "Robotik", "interest": "gibts-nicht"}, "Thema: Diesen Wert gibt es nicht."),
        ({"q": "Robotik", "family": "rezepte"}, "Bereich: Diesen Bereich gibt es nicht."),
        ({"q": "x" * 201}, "Suchbegriff: Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen"),
    ],
)
def test_bad_input_is_a_400_with_a_german_message(client, content, query, message):
    response = client.get("/suche/", query)
    assert response.status_code == 400
    assert_accessible_structure(soup(response))
    assert message in text_of(response)
    assert soup(response).title.get_text().startswith("Fehler: ")


def test_a_near_miss_offers_the_word_the_site_uses(client, content):
    response = client.get("/suche/", {"q": "Robotk"})
    assert response.status_code == 200
    assert hit_titles(response) == []
    suggestion = soup(response).find(class_="search-suggestion")
    assert suggestion.get_text(" ", strip=True) == "Meinten Sie Robotik ?"
    assert suggestion.a["href"] == "?q=Robotik"
    assert hit_titles(client.get("/suche/" + suggestion.a["href"]))


def test_nothing_found_offers_popular_interests_and_the_index_pages(client, content):
    response = client.get("/suche/", {"q": "Quantenchromodynamik"})
    assert response.status_code == 200
    document = soup(response)
    assert_accessible_structure(document)
    assert "Nichts gefunden" in text_of(response)
    assert document.find(class_="search-suggestion") is None
    help_links = {a.get_text(): a["href"] for a in document.find(class_="search-help").find_all("a")}
    assert help_links["MINT-Angebote"] == content["mint"].url
    assert help_links["Ausbildung & Beruf"] == "?interest=ausbildung-beruf"
    assert "Fachkräftegewinnung" not in help_links


def test_only_live_public_pages_of_the_site_are_found(client, content):
    private = make_news(content["news"], "Robotik intern")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    offer = MintOfferPage.objects.get(pk=content["offer"].pk)
    offer.unpublish()
    assert hit_titles(client.get("/suche/", {"q": "Robotik"})) == ["Neue Robotik-Halle eröffnet"]


def test_titles_and_teasers_are_escaped_around_the_marks():
    marked = highlight('<script>alert("Robotik")</script> Robotik', query_terms("robotik"))
    assert marked == (
        "&lt;script&gt;alert(&quot;<mark>Robotik</mark>&quot;)&lt;/script&gt; <mark>Robotik</mark>"
    )


@pytest.mark.parametrize(
    ("text", "words", "marked"),
    [
        ("Planeten beobachten", "Planet", ["Planeten"]),
        ("Den Planet beobachten", "Planeten", ["Planet"]),
        ("Ein Plan für alle", "Planeten", []),
        ("Mähroboter und Roboter", "roboter", ["Roboter"]),
        ("Mathe für Grundschulkinder", "Grundschule Mathe", ["Mathe"]),
    ],
)
def test_highlighting_marks_the_searched_words_and_their_forms(text, words, marked):
    assert [m.get_text() for m in soup_of(highlight(text, query_terms(words))).find_all("mark")] == marked


def soup_of(html: str):
    from tests.page_types.markup import parse

    return parse(html)


def test_every_page_has_a_labelled_search_box_in_its_header(client, content):
    for url in ("/", content["offer"].url, "/feeds/", "/newsletter/"):
        header = soup(client.get(url)).find("header", class_="site-header")
        form = header.find("form", role="search")
        assert form["action"] == "/suche/" and form["method"] == "get"
        field = form.find("input", attrs={"name": "q"})
        assert header.find("label", attrs={"for": field["id"]}).get_text() == "Suchbegriff"


def test_search_words_are_not_logged(client, content, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/suche/", {"q": "Zauberwort Robotik"})
    client.get("/suche/", {"q": "Zauberwort", "interest": "gibts-nicht"})  # a 400 is logged by Django
    assert caplog.records, "Django logs the bad request; the test must see the logs"
    logged = " ".join(record.getMessage() for record in caplog.records).casefold()
    assert "zauberwort" not in logged


def test_a_result_page_costs_the_same_queries_for_one_or_many_results_per_family(client, site):
    def queries(query: str) -> int:
        client.get("/suche/", {"q": query})  # warm caches (content types, site)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/suche/", {"q": query})
        assert hit_titles(response)
        return len(captured)

    def one_of_each(number: int) -> None:
        make_offer(site["mint"], f"Solar-Workshop {number}", starts_in=timedelta(days=3 + number))
        make_story(site["lighthouse"], f"Solar-Geschichte {number}")
        make_milestone(site["history"], f"Solar-Meilenstein {number}", year=1990 + number)
        make_news(site["news"], f"Solar im Landkreis {number}")

    one_of_each(0)
    few = queries("Solar")
    for number in range(1, 3):
        one_of_each(number)
    assert queries("Solar") == few


@pytest.mark.on_postgres
def test_postgres_stems_german_words(client, site):
    make_news(site["news"], "Planeten beobachten")
    assert hit_titles(client.get("/suche/", {"q": "Planet"})) == ["Planeten beobachten"]
    assert hit_titles(client.get("/suche/", {"q": "Beobachtung"})) == ["Planeten beobachten"]

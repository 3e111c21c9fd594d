"""Index pages filter by the readers' interest (its topics with their sub-topics), municipality (with
whole-district pages), subject, grade band, "past" and era, and paginate with ``?seite=`` while keeping
the filters."""

from datetime import timedelta

import pytest

from page_types.models import Interest, MintOccurrence, Topic
from tests.factories import make_milestone, make_news, make_offer, make_story
from tests.page_types.markup import assert_accessible_structure, soup, text_of


def card_titles(client, url: str, **query) -> list[str]:
    response = client.get(url, query)
    assert response.status_code == 200
    assert_accessible_structure(soup(response))
    return sorted(
        card.find(["h2", "h3"]).get_text(strip=True) for card in soup(response).select("article.card")
    )


def test_interest_filter_gathers_its_topics_with_their_sub_topics(client, site):
    Interest.objects.create(name="Menschen", slug="menschen").topics.add(Topic.objects.get(slug="mensch"))
    make_story(site["lighthouse"], "Fachkräfte", topics=["fachkraeftegewinnung"])
    make_story(site["lighthouse"], "Mensch allgemein", topics=["mensch"])
    make_story(site["lighthouse"], "Flächen", topics=["raum"])
    make_story(site["lighthouse"], "Ohne Thema")
    url = site["lighthouse"].url
    assert card_titles(client, url, interest="menschen") == ["Fachkräfte", "Mensch allgemein"]
    assert card_titles(client, url, interest="ausbildung-beruf") == ["Fachkräfte"]
    assert card_titles(client, url, interest="wohnen-mobilitaet") == ["Flächen"]
    assert len(card_titles(client, url)) == 4


def test_the_theme_filter_offers_the_readers_interests_and_no_editorial_topic(client, site):
    select = soup(client.get(site["lighthouse"].url)).find("select", attrs={"name": "interest"})
    offered = [option.get_text(strip=True) for option in select.find_all("option")]
    assert offered == ["Alle Themen", *Interest.objects.values_list("name", flat=True)]
    assert "Ausbildung & Beruf" in offered
    assert not set(offered) & set(Topic.objects.values_list("name", flat=True))


def test_municipality_filter_includes_pages_for_the_whole_district(client, site):
    make_news(site["news"], "Ludwigsburg", municipalities=["ludwigsburg"])
    make_news(site["news"], "Tamm", municipalities=["tamm"])
    make_news(site["news"], "Tamm und Ludwigsburg", municipalities=["tamm", "ludwigsburg"])
    make_news(site["news"], "Ganzer Landkreis")
    assert card_titles(client, site["news"].url, municipality="ludwigsburg") == [
        "Ganzer Landkreis",
        "Ludwigsburg",
        "Tamm und Ludwigsburg",
    ]


def test_mint_subject_and_grade_band_filters(client, site):
    make_offer(site["mint"], "Mathe 5–7", subjects=["mathematik"], grade_bands=["klasse-5-7"])
    make_offer(site["mint"], "Informatik 8–10", subjects=["informatik"], grade_bands=["klasse-8-10"])
    make_offer(site["mint"], "Technik 5–7", subjects=["technik"], grade_bands=["klasse-5-7"])
    url = site["mint"].url
    assert card_titles(client, url, subject="mathematik") == ["Mathe 5–7"]
    assert card_titles(client, url, grade_band="klasse-5-7") == ["Mathe 5–7", "Technik 5–7"]
    assert card_titles(client, url, grade_band="klasse-5-7", subject="technik") == ["Technik 5–7"]
    assert card_titles(client, url, grade_band="eltern") == []


def test_mint_lists_upcoming_and_ongoing_offers_unless_past_ones_are_asked_for(client, site):
    make_offer(site["mint"], "Vorbei", starts_in=-timedelta(days=10))
    make_offer(site["mint"], "Bald", starts_in=timedelta(days=3))
    ongoing = make_offer(site["mint"], "Laufend", starts_in=None)
    ongoing.ongoing = True
    ongoing.save_revision().publish()
    url = site["mint"].url
    assert card_titles(client, url) == ["Bald", "Laufend"]
    assert card_titles(client, url, past="on") == ["Bald", "Laufend", "Vorbei"]


def test_era_filter_of_the_timeline(client, site):
    make_milestone(site["history"], "Eisenbahn", year=1846)
    make_milestone(site["history"], "Elektrifizierung", year=1900)
    make_milestone(site["history"], "Mikrochip", year=1985)
    url = site["history"].url
    assert card_titles(client, url, era="1871-1918") == ["Elektrifizierung"]
    assert card_titles(client, url, era="bis-1870") == ["Eisenbahn"]


def test_the_form_shows_the_chosen_filters_and_a_reset_link(client, site):
    response = client.get(site["mint"].url, {"subject": "technik", "past": "on"})
    document = soup(response)
    assert document.select_one("#id_subject option[selected]")["value"] == "technik"
    assert document.select_one("#id_past").has_attr("checked")
    assert document.find("a", href=site["mint"].url, string="Alle Filter zurücksetzen")
    form = document.find("form", class_="filter-form")
    assert form["method"] == "get"
    assert form.find("fieldset").find("legend")
    assert form.find("button", type="submit")


@pytest.fixture
def thirteen_news(site):
    for number in range(13):
        make_news(site["news"], f"Nachricht {number:02d}", municipalities=["tamm"])
    make_news(site["news"], "Andernorts", municipalities=["murr"])


def test_pagination_with_seite_keeps_the_filters(client, site, thirteen_news):
    url = site["news"].url
    first = client.get(url, {"municipality": "tamm"})
    document = soup(first)
    assert len(document.select("article.card")) == 12
    assert "13 Einträge gefunden. Seite 1 von 2." in text_of(first)
    pagination = document.find("nav", class_="pagination")
    assert pagination["aria-label"]
    assert pagination.find("a", attrs={"aria-current": "page"})["href"] == "?municipality=tamm&seite=1"
    assert pagination.find("a", rel="next")["href"] == "?municipality=tamm&seite=2"

    second = client.get(url, {"municipality": "tamm", "seite": "2"})
    assert second.status_code == 200
    titles = [card.h2.get_text(strip=True) for card in soup(second).select("article.card")]
    assert len(titles) == 1 and titles[0].startswith("Nachricht")
    assert soup(second).find("a", rel="prev")["href"] == "?municipality=tamm&seite=1"
    assert "Seite 2 von 2." in text_of(second)


def test_a_single_page_of_results_has_no_pagination(client, site):
    make_news(site["news"], "Allein")
    response = client.get(site["news"].url)
    assert not soup(response).find("nav", class_="pagination")
    assert "1 Eintrag gefunden." in text_of(response)


def test_mint_lists_the_soonest_next_date_first_whatever_the_publication_order(client, site):
    later = make_offer(site["mint"], "Im Januar", starts_in=timedelta(days=40))
    make_offer(site["mint"], "Übermorgen", starts_in=timedelta(days=2))
    ongoing = make_offer(site["mint"], "Laufend", starts_in=None)
    ongoing.ongoing = True
    ongoing.save_revision().publish()
    camp = make_offer(site["mint"], "Camp läuft", starts_in=-timedelta(days=1))
    # The camp's date is under way (ends tomorrow); the January offer also had a date last week.
    MintOccurrence.objects.filter(page=camp).update(end=camp.occurrences.get().start + timedelta(days=2))
    MintOccurrence.objects.create(page=later, start=later.occurrences.get().start - timedelta(days=47))
    response = client.get(site["mint"].url)
    titles = [card.find("h2").get_text(strip=True) for card in soup(response).select("article.card")]
    assert titles == ["Camp läuft", "Übermorgen", "Im Januar", "Laufend"]

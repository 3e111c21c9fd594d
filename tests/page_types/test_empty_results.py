"""An empty filter result is no error: it says in words what was searched for and offers wider searches
with their counts; only a result page that does not exist is an error (404)."""

from datetime import timedelta

from tests.factories import make_milestone, make_offer, make_story
from tests.page_types.markup import assert_accessible_structure, soup, text_of


def empty_state(client, url: str, query: dict):
    response = client.get(url, query)
    assert response.status_code == 200
    document = soup(response)
    assert_accessible_structure(document)
    assert not document.title.get_text().startswith("Fehler")
    assert not document.find(attrs={"role": "alert"})
    assert "Diese Seite der Ergebnisliste gibt es nicht" not in text_of(response)
    box = document.find(class_="empty-result")
    widenings = {
        link.get_text(strip=True): (link["href"], link.parent.get_text(" ", strip=True))
        for link in box.select(".empty-result-widenings a")
    }
    return box.find(class_="empty-result-sentence").get_text(strip=True), widenings


def test_empty_mint_filter_names_the_search_and_offers_wider_ones(client, site):
    make_offer(site["mint"], "Informatik in Tamm", municipalities=["tamm"])
    make_offer(site["mint"], "Informatik 5–7", municipalities=["ludwigsburg"], grade_bands=["klasse-5-7"])
    make_offer(site["mint"], "Vorbei", municipalities=["ludwigsburg"], starts_in=-timedelta(days=30))
    query = {"municipality": "ludwigsburg", "subject": "informatik", "grade_band": "klasse-8-10"}
    sentence, widenings = empty_state(client, site["mint"].url, query)
    assert sentence == "Keine MINT-Angebote für Informatik, Klasse 8–10 in Ludwigsburg."
    assert set(widenings) == {
        "In der Nähe (bis 10 km)",
        "Ganzer Landkreis",
        "Alle Zielgruppen",
        "Auch vergangene Angebote",
    }
    # Tamm lies 6 km from Ludwigsburg: the narrowest radius that finds it is offered.
    assert widenings["In der Nähe (bis 10 km)"] == (
        "?municipality=ludwigsburg&subject=informatik&grade_band=klasse-8-10&radius=10",
        "In der Nähe (bis 10 km) (1 Eintrag)",
    )
    href, text = widenings["Ganzer Landkreis"]
    assert href == "?subject=informatik&grade_band=klasse-8-10"
    assert text == "Ganzer Landkreis (1 Eintrag)"
    assert widenings["Alle Zielgruppen"][1] == "Alle Zielgruppen (1 Eintrag)"
    assert widenings["Auch vergangene Angebote"][0].endswith("&past=on")
    # Each offered search finds what it promises.
    titles = soup(client.get(site["mint"].url + href)).select("article.card h2")
    assert [title.get_text(strip=True) for title in titles] == ["Informatik in Tamm"]


def test_an_empty_nearby_search_offers_a_wider_radius_and_the_whole_district(client, site):
    make_offer(site["mint"], "Informatik in Sachsenheim", municipalities=["sachsenheim"])
    make_offer(site["mint"], "Informatik in Vaihingen", municipalities=["vaihingen-an-der-enz"])
    query = {"municipality": "ludwigsburg", "radius": "5", "subject": "informatik"}
    sentence, widenings = empty_state(client, site["mint"].url, query)
    assert sentence == "Keine MINT-Angebote für Informatik in Ludwigsburg und Umgebung (bis 5 km)."
    # Sachsenheim lies 11.6 km away, Vaihingen 17.7 km: 15 km finds the one, the district both.
    assert widenings["In der Nähe (bis 15 km)"] == (
        "?municipality=ludwigsburg&radius=15&subject=informatik",
        "In der Nähe (bis 15 km) (1 Eintrag)",
    )
    assert widenings["Ganzer Landkreis"] == ("?subject=informatik", "Ganzer Landkreis (2 Einträge)")
    assert set(widenings) == {"In der Nähe (bis 15 km)", "Ganzer Landkreis"}


def test_empty_lighthouse_filter(client, site):
    make_story(site["lighthouse"], "In Tamm", municipalities=["tamm"])
    sentence, widenings = empty_state(client, site["lighthouse"].url, {"municipality": "ludwigsburg"})
    assert sentence == "Keine Leuchtturm-Geschichten in Ludwigsburg."
    assert widenings == {"Ganzer Landkreis": ("?", "Ganzer Landkreis (1 Eintrag)")}


def test_empty_history_filter(client, site):
    make_milestone(site["history"], "In Tamm", municipalities=["tamm"])
    sentence, widenings = empty_state(client, site["history"].url, {"municipality": "freiberg-am-neckar"})
    assert sentence == "Keine Meilensteine in Freiberg am Neckar."
    assert widenings["Ganzer Landkreis"][1] == "Ganzer Landkreis (1 Eintrag)"


def test_a_wider_search_that_finds_nothing_is_not_offered(client, site):
    sentence, widenings = empty_state(client, site["lighthouse"].url, {"municipality": "ludwigsburg"})
    assert sentence == "Keine Leuchtturm-Geschichten in Ludwigsburg."
    assert widenings == {}


def test_a_page_beyond_the_last_is_a_404_that_leads_to_the_first(client, site):
    make_story(site["lighthouse"], "Eine", municipalities=["tamm"])
    response = client.get(site["lighthouse"].url, {"municipality": "tamm", "seite": "3"})
    assert response.status_code == 404
    assert soup(response).find("a", string="Zur ersten Seite")["href"] == "?municipality=tamm"

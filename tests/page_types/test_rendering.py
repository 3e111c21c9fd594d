"""Every page type renders with status 200, its key content and an accessible structure."""

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from page_types.models import MintOccurrence, Organisation, StandardPage
from tests.factories import make_image, make_milestone, make_news, make_offer, make_story
from tests.page_types.markup import assert_accessible_structure, soup, text_of

EMBED_URL = "https://www.youtube.com/watch?v=leuchtturm"


def assert_shows(response, *texts: str) -> None:
    """Every one of ``texts`` appears in the page's visible text."""
    text = text_of(response)
    assert [expected for expected in texts if expected not in text] == []


def render(client, page_or_url, status: int = 200):
    """GET a page, check status and structure, return the response."""
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.url
    response = client.get(url)
    assert response.status_code == status, url
    assert_accessible_structure(soup(response))
    return response


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(
        name="Werkstatt Ludwigsburg GmbH", slug="werkstatt-lb", website="https://werkstatt.example.org/"
    )


@pytest.fixture
def story(site, organisation):
    """A lighthouse story with a hero image and one block of every kind in its body."""
    photo = make_image("Fertigungshalle")
    story = make_story(site["lighthouse"], "Die Werkstatt der Zukunft", municipalities=["ludwigsburg"])
    story.hero_image = photo
    story.hero_image_alt = "Blick in die helle Fertigungshalle"
    story.organisation = organisation
    story.sector = "engineering"
    story.body = [
        {"type": "heading", "value": "Wie alles begann"},
        {"type": "paragraph", "value": "<p>Gegründet in einer Garage.</p>"},
        {
            "type": "quote",
            "value": {"quote": "Wir bauen hier.", "attribution": "Erika Muster", "role": "CEO"},
        },
        {
            "type": "key_figures",
            "value": {
                "heading": "In Zahlen",
                "figures": [{"value": "1.200", "label": "Arbeitsplätze", "source": "IHK 2024"}],
            },
        },
        {
            "type": "image",
            "value": {"image": photo.pk, "alt_text": "Roboterarm", "caption": "Montage", "credit": "LRA"},
        },
        {
            "type": "gallery",
            "value": {
                "heading": "Bilder",
                "images": [
                    {"image": photo.pk, "alt_text": "Azubis an der Drehbank", "caption": "", "credit": ""}
                ],
            },
        },
        {"type": "embed", "value": EMBED_URL},
        {
            "type": "call_to_action",
            "value": {
                "text": "Mehr MINT?",
                "link_label": "Zu den Angeboten",
                "page": site["mint"].pk,
                "url": "",
            },
        },
    ]
    story.save_revision().publish()
    return story


def test_home_page_shows_the_newest_highlights_of_each_family(client, site):
    make_story(site["lighthouse"], "Leuchtturm Eins")
    make_offer(site["mint"], "Löten für Einsteiger")
    make_milestone(site["history"], "Erste Dampfmaschine", year=1850)
    make_news(site["news"], "Gewerbesteuer erklärt")
    document = soup(render(client, "/"))
    sections = {h2.get_text(strip=True) for h2 in document.find_all("h2")}
    assert {"Leuchttürme", "MINT-Angebote", "Innovationsgeschichte", "Nachrichten"} <= sections
    cards = [h3.get_text(strip=True) for h3 in document.find_all("h3")]
    assert cards == [
        "Leuchtturm Eins",
        "Löten für Einsteiger",
        "Erste Dampfmaschine",
        "Gewerbesteuer erklärt",
    ]
    assert document.find("a", href="/mint/", string="Alle Einträge: MINT-Angebote")


def test_home_page_shows_at_most_three_highlights_per_family(client, site):
    for number in range(5):
        make_news(site["news"], f"Nachricht {number}")
    document = soup(render(client, "/"))
    news_section = document.find("section", attrs={"aria-labelledby": "bereich-nachrichten"})
    assert len(news_section.find_all("h3")) == 3


def test_story_renders_hero_facts_and_every_body_block_without_contacting_the_embed_provider(client, story):
    with mock.patch("wagtail.embeds.embeds.get_embed", side_effect=AssertionError("embed fetched")):
        response = render(client, story)
    document = soup(response)
    assert document.h1.get_text(strip=True) == "Die Werkstatt der Zukunft"
    assert_shows(
        response,
        "Teaser: Die Werkstatt der Zukunft",
        "Werkstatt Ludwigsburg GmbH",
        "Maschinen- & Anlagenbau",
        "Ludwigsburg",
        "Gegründet in einer Garage.",
        "Wir bauen hier.",
        "Erika Muster, CEO",
        "1.200 Arbeitsplätze",
        "Quelle: IHK 2024",
        "Montage Bild: LRA",
    )
    alts = {img["alt"] for img in document.find_all("img")}
    assert {"Blick in die helle Fertigungshalle", "Roboterarm", "Azubis an der Drehbank"} <= alts
    assert [h2.get_text(strip=True) for h2 in document.find_all("h2")] == [
        "Wie alles begann",
        "In Zahlen",
        "Bilder",
    ]
    assert document.find("a", href=EMBED_URL)
    assert not document.find(["iframe", "object"])
    # The only script element is the page's JSON-LD, a data block that never runs.
    assert [script["type"] for script in document.find_all("script")] == ["application/ld+json"]
    assert document.find("a", href="/mint/", string="Zu den Angeboten")
    assert document.find("a", href="https://werkstatt.example.org/")


@pytest.fixture
def offer(site, organisation):
    offer = make_offer(site["mint"], "Roboter programmieren", municipalities=["tamm"])
    start = timezone.make_aware(datetime(2099, 5, 4, 9, 30))
    offer.occurrences = [
        MintOccurrence(start=start, end=start + timedelta(hours=3), place="Schulzentrum Tamm"),
        MintOccurrence(start=start + timedelta(days=7)),
    ]
    offer.provider = organisation
    offer.location = "Tamm"
    offer.cost = "15 €"
    offer.capacity = 16
    offer.min_age, offer.max_age = 12, 15
    offer.registration_url = "https://anmeldung.example.org/roboter"
    offer.registration_deadline = date(2099, 4, 20)
    offer.accessibility_notes = "Rollstuhlgerechter Zugang über den Hof."
    offer.save_revision().publish()
    return offer


def test_mint_offer_shows_dates_place_cost_registration_capacity_and_audience(client, offer):
    response = render(client, offer)
    assert_shows(
        response,
        "Workshop/Kurs",
        "Werkstatt Ludwigsburg GmbH",
        "Informatik",
        "Klasse 8–10",
        "12 bis 15 Jahre",
        "Tamm",
        "15 €",
        "Mo, 4. Mai 2099, 09:30 – 12:30 Uhr, Schulzentrum Tamm",
        "Mo, 11. Mai 2099, 09:30 Uhr, Tamm",  # no place of its own: the offer's location
        "Anmeldeschluss 20. April 2099",
        "Plätze 16",
        "Rollstuhlgerechter Zugang über den Hof.",
    )
    document = soup(response)
    registration = document.find("a", href="https://anmeldung.example.org/roboter")
    assert "Zur Anmeldung" in registration.get_text()
    starts = [time["datetime"] for time in document.select(".dates time")]
    assert starts[0].startswith("2099-05-04T09:30:00")


def test_mint_offer_after_its_deadline_says_so_and_hides_the_registration_link(client, offer):
    offer.registration_deadline = timezone.localdate() - timedelta(days=1)
    offer.save_revision().publish()
    response = render(client, offer)
    assert "Die Anmeldefrist ist abgelaufen." in text_of(response)
    assert not soup(response).find("a", href="https://anmeldung.example.org/roboter")


def test_ongoing_mint_offer_without_dates(client, site):
    offer = make_offer(site["mint"], "Praktikum nach Vereinbarung", starts_in=None)
    offer.ongoing = True
    offer.save_revision().publish()
    assert "Laufendes Angebot – Termine nach Vereinbarung." in text_of(render(client, offer))


def test_milestone_shows_year_organisation_person_and_source(client, site, organisation):
    milestone = make_milestone(site["history"], "Das erste Automobil", year=1886)
    milestone.organisation = organisation
    milestone.person = "Gottlieb Daimler"
    milestone.source = "Stadtarchiv Ludwigsburg"
    milestone.save_revision().publish()
    response = render(client, milestone)
    assert_shows(
        response,
        "Zeitpunkt 1886",
        "Werkstatt Ludwigsburg GmbH",
        "Gottlieb Daimler",
        "Stadtarchiv Ludwigsburg",
    )
    assert soup(response).find("time", datetime="1886")


def test_news_page_shows_kind_teaser_body_and_whole_district(client, site):
    news = make_news(site["news"], "Was die Gewerbesteuer bezahlt")
    news.kind = "explainer"
    news.save_revision().publish()
    assert_shows(
        render(client, news),
        "Erklärstück",
        "Teaser: Was die Gewerbesteuer bezahlt",
        "Kommunen Ganzer Landkreis",
    )


def test_standard_page_and_the_legal_links_in_every_footer(client, site):
    for slug, title in (("impressum", "Impressum"), ("datenschutz", "Datenschutz")):
        page = site["home"].add_child(
            instance=StandardPage(title=title, slug=slug, body=f"<h2>Angaben</h2><p>{title}-Text</p>")
        )
        page.save_revision().publish()
    response = render(client, "/impressum/")
    assert "Impressum-Text" in text_of(response)
    footer = soup(render(client, "/")).find("footer")
    assert [a["href"] for a in footer.find_all("a")] == ["/impressum/", "/datenschutz/"]


@pytest.mark.parametrize("key", ["lighthouse", "mint", "history", "news"])
def test_every_index_page_renders_its_cards_with_images(client, site, key):
    maker = {"lighthouse": make_story, "mint": make_offer, "history": make_milestone, "news": make_news}[key]
    page = maker(site[key], "Eintrag mit Bild")
    page.listing_image = make_image("Vorschau")
    page.listing_image_alt = "Beschreibung des Vorschaubilds"
    page.save_revision().publish()
    response = render(client, site[key])
    document = soup(response)
    card = document.find("article", class_="card")
    assert card.find(["h2", "h3"]).get_text(strip=True) == "Eintrag mit Bild"
    image = card.find("img")
    assert image["alt"] == "Beschreibung des Vorschaubilds"
    assert "fill-640x360" in image["src"]
    assert "1 Eintrag gefunden." in text_of(response)


def test_timeline_groups_milestones_by_era_in_ordered_lists(client, site):
    for title, year in (("Digitalisierung", 2005), ("Erste Fabrik", 1860), ("Wirtschaftswunder", 1955)):
        make_milestone(site["history"], title, year=year)
    document = soup(render(client, site["history"]))
    timeline = document.find("ol", class_="timeline")
    eras = [
        era.h2.get_text(strip=True) for era in timeline.find_all("li", class_="timeline-era", recursive=False)
    ]
    assert eras == [
        "Bis 1870: Handwerk und frühe Industrie",
        "1950–1989: Wirtschaftswunder und Wandel",
        "Seit 1990: Globalisierung und Digitalisierung",
    ]
    entries = [entry.h3.get_text(strip=True) for entry in timeline.select("ol.timeline-entries > li")]
    assert entries == ["Erste Fabrik", "Wirtschaftswunder", "Digitalisierung"]


def test_navigation_marks_the_current_section_and_page(client, site):
    story = make_story(site["lighthouse"])
    nav = soup(render(client, story)).find("nav", attrs={"aria-label": "Hauptnavigation"})
    current = {a["href"]: a["aria-current"] for a in nav.find_all("a", attrs={"aria-current": True})}
    assert current == {"/leuchttuerme/": "true"}
    nav = soup(render(client, site["lighthouse"])).find("nav", attrs={"aria-label": "Hauptnavigation"})
    current = {a["href"]: a["aria-current"] for a in nav.find_all("a", attrs={"aria-current": True})}
    assert current == {"/leuchttuerme/": "page"}
    nav = soup(render(client, "/")).find("nav", attrs={"aria-label": "Hauptnavigation"})
    assert not nav.find_all("a", attrs={"aria-current": True})


def test_breadcrumbs_lead_from_the_home_page_to_the_current_page(client, site):
    news = make_news(site["news"], "Neu im Kreis")
    trail = soup(render(client, news)).find("nav", class_="breadcrumbs")
    links = [(a["href"], a.get("aria-current")) for a in trail.find_all("a")]
    assert links == [("/", None), ("/nachrichten/", None), (news.url, "page")]


def test_mint_offer_leads_with_its_facts_and_names_a_contact_and_street_address(client, offer):
    offer.street_address = "Hauptstraße 1, 71732 Tamm"
    offer.contact_name = "Erika Muster"
    offer.contact_email = "erika.muster@example.org"
    offer.contact_phone = "07141 123-45"
    offer.listing_image, offer.listing_image_alt = make_image("Roboter"), "Ein Roboter aus Lego"
    offer.body = [("paragraph", "<p>Wir bauen Roboter.</p>")]
    offer.save_revision().publish()
    document = soup(render(client, offer))
    essentials = document.find(class_="offer-essentials")
    facts = {div.dt.get_text(): div.dd.get_text(" ", strip=True) for div in essentials.select("dl > div")}
    assert facts["Ort"] == "Tamm Hauptstraße 1, 71732 Tamm"
    assert facts["Termine"].startswith("Mo, 4. Mai 2099, 09:30")
    assert {"Kosten", "Zielgruppen", "Alter", "Anmeldeschluss"} <= set(facts)
    assert "Zur Anmeldung" in essentials.find("a", href="https://anmeldung.example.org/roboter").get_text()
    # The facts and the registration come before the image and the description.
    html = str(document)
    assert html.index("offer-essentials") < html.index("hero-image") < html.index("Wir bauen Roboter")
    contact = document.find("section", attrs={"aria-labelledby": "kontakt"})
    assert contact.find("a", href="mailto:erika.muster@example.org")
    assert contact.find("a", href="tel:07141123-45").get_text() == "07141 123-45"
    assert "Erika Muster" in contact.get_text()


def test_mint_offer_without_contact_shows_no_contact_section(client, offer):
    assert not soup(render(client, offer)).find("section", attrs={"aria-labelledby": "kontakt"})


def test_an_offer_with_many_dates_shows_three_and_keeps_the_others_one_click_away(client, site):
    offer = make_offer(site["mint"], "Ferienprogramm", starts_in=None)
    start = timezone.make_aware(datetime(2099, 7, 6, 10, 0))
    offer.occurrences = [MintOccurrence(start=start + timedelta(days=7 * week)) for week in range(5)]
    offer.save_revision().publish()
    document = soup(render(client, offer))
    essentials = document.find("section", class_="offer-essentials")
    first = essentials.find("ul", class_="dates")
    assert len(first.find_all("li")) == 3
    more = essentials.find("details", class_="more-dates")
    assert more.summary.get_text(strip=True) == "2 weitere Termine"
    assert [time["datetime"][:10] for time in more.select("li time")] == ["2099-07-27", "2099-08-03"]
    # Up to three dates need no "more".
    assert (
        soup(render(client, make_offer(site["mint"], "Einmal"))).find("details", class_="more-dates") is None
    )

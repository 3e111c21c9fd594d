"""What search engines and messengers read in a page's head: description, canonical link, Open Graph and
Twitter card with a 1200×630 preview image, language alternates, and schema.org JSON-LD that passes our
checker (``tests.page_types.schema_org``) with every recommended property a page can give."""

import json
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from wagtail.models import Locale

from page_types.models import HomePage, InnovationMilestonePage, MintOfferPage
from page_types.structured_data import price_of
from tests.factories import make_image, make_offer
from tests.page_types.markup import soup
from tests.page_types.schema_org import check, missing_recommended

HOST = "http://localhost"


def head_of(client, page, **headers):
    return soup(client.get(page.url, headers=headers)).head


def meta(head, key: str) -> str | None:
    tag = head.find("meta", attrs={"property": key}) or head.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_ld(client, page) -> dict:
    scripts = head_of(client, page).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    document = json.loads(scripts[0].string)
    assert check(document) == []
    return document


def test_an_offer_is_one_education_event_per_date_with_everything_search_engines_recommend(client, content):
    offer = content["offer"]
    events = json_ld(client, offer)["@graph"]
    occurrences = list(offer.occurrences.all())
    assert [event["@type"] for event in events] == ["EducationEvent", "EducationEvent"]
    assert [event["startDate"] for event in events] == [
        timezone.localtime(o.start).isoformat() for o in occurrences
    ]
    first = events[0]
    assert missing_recommended(first) == set()
    assert first["endDate"] == timezone.localtime(occurrences[0].end).isoformat()
    assert first["name"] == "Robotik-Workshop" and first["url"] == f"{HOST}{offer.url}"
    assert first["location"]["name"] == "Raum 1"
    assert events[1]["location"]["name"] == "Ludwigsburg"  # no place given: the offer's location
    assert first["location"]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "DE",
        "addressLocality": "Ludwigsburg",
    }
    assert first["location"]["containedInPlace"]["name"] == "Landkreis Ludwigsburg"
    assert first["organizer"] == {
        "@type": "Organization",
        "name": "Robert Bosch GmbH",
        "url": "https://www.bosch.de",
        "address": {"@type": "PostalAddress", "addressCountry": "DE", "addressLocality": "Ludwigsburg"},
    }
    assert first["offers"]["price"] == "0.00" and first["offers"]["priceCurrency"] == "EUR"
    assert first["offers"]["url"] == "https://example.org/anmeldung"
    assert first["isAccessibleForFree"] is True
    assert first["typicalAgeRange"] == "13-16"
    assert first["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert first["educationalLevel"] == ["Klasse 8–10"] and first["teaches"] == ["Informatik", "Technik"]
    assert first["image"][0].startswith(f"{HOST}/media/") and "fill-1200x630" in first["image"][0]


def test_an_offer_with_a_price_names_it_in_euros(client, content):
    offer = MintOfferPage.objects.get(pk=content["offer"].pk)
    offer.cost = "15,50 € inklusive Material"
    offer.save_revision().publish()
    event = json_ld(client, offer)["@graph"][0]
    assert event["offers"]["price"] == "15.50" and event["offers"]["description"] == offer.cost
    assert event["isAccessibleForFree"] is False


@pytest.mark.parametrize(
    ("cost", "price"),
    [
        ("kostenlos", Decimal(0)),
        ("Kostenfrei für Schulklassen", Decimal(0)),
        ("5 € für Material", Decimal(5)),
        ("8,50 Euro pro Familie", Decimal("8.50")),
        ("EUR 12", None),
        ("Spende erbeten", None),
        ("", None),
    ],
)
def test_the_price_is_read_from_what_editors_write(cost, price):
    assert price_of(cost) == price


def test_an_offer_without_dates_is_a_course(client, site):
    page = make_offer(site["mint"], "Praktikum nach Vereinbarung", starts_in=None)
    nodes = json_ld(client, page)["@graph"]
    assert [node["@type"] for node in nodes] == ["Course"]
    assert missing_recommended(nodes[0]) == set()
    assert nodes[0]["provider"]["name"] == "Wirtschaftsförderung des Landkreises Ludwigsburg"


@pytest.mark.parametrize("key", ["story", "news"])
def test_stories_and_news_are_articles_by_the_publisher(client, content, key):
    page = type(content[key]).objects.get(pk=content[key].pk)
    if not page.listing_image:
        page.listing_image, page.listing_image_alt = content["image"], "Eine Werkhalle"
        page.save_revision().publish()
    page.refresh_from_db()
    (article,) = json_ld(client, page)["@graph"]
    assert article["@type"] == "Article"
    assert missing_recommended(article) == set()
    assert article["headline"] == page.title
    assert article["datePublished"] == page.publish_date.isoformat()
    assert article["dateModified"] == timezone.localtime(page.last_published_at).isoformat()
    assert article["author"]["name"] == "Wirtschaftsförderung des Landkreises Ludwigsburg"
    assert article["author"]["url"] == f"{HOST}/"
    assert article["mainEntityOfPage"] == f"{HOST}{page.url}"
    municipality = page.municipalities.get()
    assert article["contentLocation"][0]["address"]["addressLocality"] == municipality.name


def test_a_story_names_its_organisation_and_sector(client, content):
    (article,) = json_ld(client, content["story"])["@graph"]
    assert article["about"]["name"] == "Robert Bosch GmbH"
    assert article["articleSection"] == "Maschinen- & Anlagenbau"
    # Its only topic, "Mensch", is a success factor that no reader interest gathers: no keywords, rather
    # than the district's internal vocabulary (tests/page_types/test_interests.py names them).
    assert "keywords" not in article


def test_a_dated_milestone_is_a_past_event_and_one_of_a_year_a_creative_work(client, content):
    (event,) = json_ld(client, content["milestone"])["@graph"]
    assert event["@type"] == "Event"
    assert event["startDate"] == "1902-01-07"
    assert event["organizer"]["name"] == "Robert Bosch GmbH"
    assert {"@type": "Person", "name": "Gottlob Honold"} in event["contributor"]

    milestone = InnovationMilestonePage.objects.get(pk=content["milestone"].pk)
    milestone.date = None
    milestone.save_revision().publish()
    (work,) = json_ld(client, milestone)["@graph"]
    assert work["@type"] == "CreativeWork"
    assert missing_recommended(work) == set()
    assert work["temporalCoverage"] == "1902"
    assert work["citation"] == "Firmenarchiv"


def test_the_home_page_describes_the_district_as_publisher_and_the_site_with_its_search(client, content):
    organisation, website = json_ld(client, content["home"])["@graph"]
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["name"] == "Wirtschaftsförderung des Landkreises Ludwigsburg"
    assert organisation["areaServed"] == {"@type": "AdministrativeArea", "name": "Landkreis Ludwigsburg"}
    assert missing_recommended(organisation) == set()
    assert website["@type"] == "WebSite" and website["publisher"] == {"@id": organisation["@id"]}
    template = website["potentialAction"]["target"]["urlTemplate"]
    assert template == f"{HOST}/suche/?q={{search_term_string}}"
    assert (
        client.get(template.removeprefix(HOST).replace("{search_term_string}", "Robotik")).status_code == 200
    )


def test_pages_without_a_schema_org_type_carry_no_json_ld(client, content):
    assert not head_of(client, content["mint"]).find("script", type="application/ld+json")


def test_the_json_ld_cannot_end_its_script_element(client, content):
    story = content["story"]
    story.title = 'Roboter </script><script>alert("x")</script> & mehr'
    story.save_revision().publish()
    script = head_of(client, story).find("script", type="application/ld+json")
    assert "</script><script>" not in str(script)
    assert json.loads(script.string)["@graph"][0]["headline"] == story.title


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"@context": "https://schema.org", "@type": "Event", "name": "x"}, "lacks required startDate"),
        ({"@context": "https://schema.org", "@type": "Article", "headline": "x", "colour": 1}, "no property"),
        ({"@context": "https://schema.org", "@type": "Articel", "headline": "x"}, "unknown type"),
        (
            {
                "@context": "https://schema.org",
                "@type": "Article",
                "headline": "x",
                "dateModified": "2025-01-01T10:00",
            },
            "without time zone",
        ),
        (
            {"@context": "https://schema.org", "@type": "Article", "headline": "x", "url": "/relativ/"},
            "absolute",
        ),
        (
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": "x",
                "startDate": "2025-01-01",
                "location": {"@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": "DE"}},
                "eventStatus": "Scheduled",
            },
            "eventStatus",
        ),
        ({"@context": "http://example.org", "@type": "Thing"}, "@context"),
    ],
)
def test_the_checker_catches_what_search_engines_reject(document, problem):
    assert any(problem in line for line in check(document)), check(document)


def test_the_head_describes_the_page_on_the_configured_host(client, content):
    offer = content["offer"]
    head = head_of(client, offer, host="127.0.0.1")
    assert meta(head, "description") == "Teaser: Robotik-Workshop"
    assert head.find("link", rel="canonical")["href"] == f"{HOST}{offer.url}"
    assert meta(head, "og:url") == f"{HOST}{offer.url}"
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:title") == meta(head, "twitter:title") == "Robotik-Workshop"
    assert meta(head, "og:description") == meta(head, "twitter:description") == "Teaser: Robotik-Workshop"
    assert meta(head, "og:locale") == "de_DE" and meta(head, "og:site_name") == "Leuchtturm"
    assert meta(head, "og:image").startswith(f"{HOST}/media/images/")
    assert meta(head, "og:image:alt") == meta(head, "twitter:image:alt") == "Kinder bauen einen Roboter"
    assert meta(head, "twitter:card") == "summary_large_image"
    assert meta(head, "article:published_time") == timezone.localtime(offer.first_published_at).isoformat()


def test_the_preview_image_is_the_listing_image_at_1200_by_630(client, content, settings):
    offer = MintOfferPage.objects.get(pk=content["offer"].pk)
    offer.listing_image = make_image("Gross", size=(1600, 1000))
    offer.save_revision().publish()
    head = head_of(client, offer)
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("1200", "630")
    assert meta(head, "og:image:type") == "image/png"
    path = meta(head, "og:image").removeprefix(f"{HOST}{settings.MEDIA_URL}")
    assert default_storage.exists(path)


def test_promote_fields_win_and_descriptions_are_cut(client, content):
    story = content["story"]
    story.seo_title, story.search_description = "Roboter made in LB", "Wie Roboter das Handwerk verändern."
    story.teaser = "Lang " * 100
    story.save_revision().publish()
    head = head_of(client, story)
    assert head.title.get_text().startswith("Roboter made in LB – ")
    assert meta(head, "og:title") == "Roboter made in LB"
    assert meta(head, "description") == "Wie Roboter das Handwerk verändern."
    story.search_description = ""
    story.save_revision().publish()
    description = meta(head_of(client, story), "description")
    assert len(description) <= 160 and description.endswith("…")


def test_a_page_without_image_gets_a_summary_card(client, content):
    head = head_of(client, content["news"])
    assert meta(head, "twitter:card") == "summary"
    assert meta(head, "og:image") is None


def test_index_and_home_pages_describe_themselves_from_their_introduction(client, content):
    head = head_of(client, content["home"])
    assert meta(head, "og:type") == "website"
    assert meta(head, "description") == "Willkommen. Unsere Leuchttürme"


def test_a_translated_page_names_every_language_version(client, content, settings):
    path = content["story"].url
    english = Locale.objects.get(language_code="en")
    home_en = HomePage.objects.get(pk=content["home"].pk).copy_for_translation(english)
    home_en.save_revision().publish()
    story_en = content["story"].copy_for_translation(english, copy_parents=True)
    story_en.save_revision().publish()
    links = head_of(client, content["story"]).find_all("link", rel="alternate", hreflang=True)
    # The addresses are Wagtail's; the language prefix of the English tree comes with i18n_patterns.
    assert [(link["hreflang"], link["href"]) for link in links] == [
        ("de", f"{HOST}{path}"),
        ("en", story_en.get_full_url()),
    ]


def test_an_untranslated_page_names_no_language_versions(client, content):
    assert not head_of(client, content["story"]).find_all("link", hreflang=True)

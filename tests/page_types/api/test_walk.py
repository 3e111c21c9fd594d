"""A front end can render every page from the API alone.

The test starts from the API's index, finds the home page by its path, walks its children, lists each
index's pages with ``fields=*`` and checks that every family's page carries what its template shows:
taxonomy as ``{id, slug, name}``, images as renditions with alt text and focal point, rich text with
absolute links, StreamField blocks with references resolved, MINT dates and the organisation.
"""

from page_types.public_urls import public_base_url
from tests.page_types.api.conftest import get_json

TERM_KEYS = {"id", "slug", "name"}
RENDITION_NAMES = {"thumbnail", "card", "medium", "large"}
# Absolute links are on the public base URL (tests/page_types/api/test_public_urls.py).
SITE_ROOT = public_base_url()


def assert_image(data: dict, *, alt: str, image) -> None:
    assert data["id"] == image.pk
    assert data["alt"] == alt
    assert data["focal_point"] == {"x": 100, "y": 80, "width": 40, "height": 30}
    assert set(data["renditions"]) == RENDITION_NAMES
    for rendition in data["renditions"].values():
        assert rendition["url"].startswith("http://") and rendition["width"] > 0 and rendition["height"] > 0


def assert_terms(terms: list, slugs: set[str]) -> None:
    assert {term["slug"] for term in terms} == slugs
    assert all(set(term) >= TERM_KEYS and term["name"] for term in terms)


def walk(client) -> dict[str, dict]:
    """Every page reachable from the API's index, by type: listing items with ``fields=*``."""
    status, index = get_json(client, "/api/v2/")
    assert status == 200
    found = client.get(f"{index['pages']}find/?html_path=/")
    assert found.status_code == 302
    status, home = get_json(client, found["Location"])
    assert status == 200
    pages = {"page_types.HomePage": home}
    status, children = get_json(client, f"{index['pages']}?child_of={home['id']}&fields=*")
    for child in children["items"]:
        status, detail = get_json(client, child["meta"]["detail_url"])
        assert status == 200
        pages[detail["meta"]["type"]] = detail
        if listed_type := detail.get("listed_type"):
            url = f"{index['pages']}?type={listed_type}&child_of={child['id']}&fields=*"
            status, listing = get_json(client, url)
            assert status == 200 and listing["meta"]["total_count"] == 1
            pages[listed_type] = listing["items"][0]
    return pages


def test_every_family_can_be_rendered_from_the_api_alone(client, content):
    pages = walk(client)
    image, organisation = content["image"], content["organisation"]

    home = pages["page_types.HomePage"]
    assert f'href="{SITE_ROOT}/leuchttuerme/roboter-aus-ludwigsburg/"' in home["intro"]
    assert pages["page_types.StandardPage"]["body"] == "<p>Landratsamt</p>"
    assert pages["page_types.InnovationHistoryPage"]["eras"][0] == {
        "slug": "bis-1870",
        "name": "Bis 1870: Handwerk und frühe Industrie",
    }

    story = pages["page_types.LighthouseStoryPage"]
    assert story["title"] == "Roboter aus Ludwigsburg" and story["teaser"]
    assert story["meta"]["html_url"] == f"{SITE_ROOT}/leuchttuerme/roboter-aus-ludwigsburg/"
    assert_image(story["hero_image"], alt="Blick in die Werkhalle", image=image)
    assert story["organisation"] == {
        "id": organisation.pk,
        "slug": "bosch",
        "name": "Robert Bosch GmbH",
        "kind": {"slug": "company", "name": "Unternehmen"},
        "website": "https://www.bosch.de",
        "description": "Ein Technologiekonzern.",
        "municipality": {"id": organisation.municipality_id, "slug": "ludwigsburg", "name": "Ludwigsburg"},
    }
    assert story["sector"] == {"slug": "engineering", "name": "Maschinen- & Anlagenbau"}
    assert story["topics"] == [
        {"id": story["topics"][0]["id"], "slug": "mensch", "name": "Mensch", "parent": None}
    ]
    assert_terms(story["municipalities"], {"ludwigsburg"})
    blocks = {block["type"]: block["value"] for block in story["body"]}
    offer_url = f"{SITE_ROOT}/mint/robotik-workshop/"
    assert blocks["heading"] == "Worum es geht"
    assert blocks["paragraph"] == f'<p>Mehr im <a href="{offer_url}">Workshop</a>.</p>'
    assert blocks["quote"] == {
        "quote": "Wir bilden aus.",
        "attribution": "Erika Muster",
        "role": "Ausbilderin",
    }
    assert blocks["key_figures"]["figures"] == [{"value": "1.200", "label": "Beschäftigte", "source": None}]
    assert blocks["image"]["alt_text"] == "Die Werkhalle von innen"
    assert_image(blocks["image"]["image"], alt=image.default_alt_text, image=image)
    assert len(blocks["gallery"]["images"]) == 2
    assert_image(blocks["gallery"]["images"][1]["image"], alt=image.default_alt_text, image=image)
    assert blocks["embed"] == "https://www.youtube.com/watch?v=abc"
    assert blocks["call_to_action"]["page"] == {
        "id": content["offer"].pk,
        "title": "Robotik-Workshop",
        "html_url": offer_url,
    }

    offer = pages["page_types.MintOfferPage"]
    assert offer["kind"] == {"slug": "workshop", "name": "Workshop/Kurs"}
    assert offer["provider"]["slug"] == "bosch"
    assert_terms(offer["subjects"], {"informatik", "technik"})
    assert_terms(offer["grade_bands"], {"klasse-8-10"})
    assert offer["topics"][0]["parent"] == "mensch"
    assert_image(offer["listing_image"], alt="Kinder bauen einen Roboter", image=image)
    assert [occurrence["place"] for occurrence in offer["occurrences"]] == ["Raum 1", ""]
    first = offer["occurrences"][0]
    assert first["start"].endswith(("+01:00", "+02:00")) and first["end"] > first["start"]
    assert offer["occurrences"][1]["end"] is None
    assert (offer["min_age"], offer["max_age"], offer["capacity"], offer["ongoing"]) == (13, 16, 12, False)
    assert offer["location"] == "Ludwigsburg" and offer["cost"] == "kostenlos"
    assert offer["registration_url"] == "https://example.org/anmeldung"
    assert offer["registration_deadline"] == content["offer"].registration_deadline.isoformat()
    assert offer["accessibility_notes"] == "Rollstuhlgerecht."
    assert offer["body"][0]["value"] == "<p>Wir bauen Roboter.</p>"

    milestone = pages["page_types.InnovationMilestonePage"]
    assert (milestone["year"], milestone["date"]) == (1902, "1902-01-07")
    assert milestone["era"] == {"slug": "1871-1918", "name": "1871–1918: Industrialisierung"}
    assert milestone["organisation"]["name"] == "Robert Bosch GmbH"
    assert (milestone["person"], milestone["source"]) == ("Gottlob Honold", "Firmenarchiv")
    assert_terms(milestone["topics"], {"wissenschaft-wirtschaft"})

    news = pages["page_types.InternalNewsPage"]
    assert news["kind"] == {"slug": "explainer", "name": "Erklärstück"}
    assert_terms(news["municipalities"], {"tamm"})
    assert news["body"] == [{"type": "paragraph", "value": "<p>Text.</p>", "id": news["body"][0]["id"]}]
    assert news["publish_date"] and news["meta"]["last_published_at"]


def test_a_listing_item_is_the_detail_without_the_parent(client, content):
    status, listing = get_json(client, "/api/v2/pages/?type=page_types.LighthouseStoryPage&fields=*")
    item = listing["items"][0]
    status, detail = get_json(client, f"{item['meta']['detail_url']}?fields=*")
    assert detail["meta"].pop("parent")["id"] == content["lighthouse"].pk
    assert detail == item

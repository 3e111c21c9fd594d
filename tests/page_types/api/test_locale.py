"""The content API in several languages: ``?locale=`` on listings and details, each page with its ``locale``
and its translations; without ``locale`` a listing stays in German, as before translations existed."""

import pytest

from page_types.public_urls import public_base_url
from tests.factories import translate
from tests.page_types.api.conftest import get_json

PAGES = "/api/v2/pages/"


@pytest.fixture
def translated(content):
    offer = content["offer"]
    return offer, translate(offer, title="Robotics workshop", teaser="Build a robot.")


def offers(client, query: str = "") -> list[dict]:
    status, body = get_json(client, f"{PAGES}?type=page_types.MintOfferPage&fields=title,teaser{query}")
    assert status == 200, body
    return body["items"]


def test_a_listing_without_locale_shows_the_german_pages_once(client, translated):
    offer, english = translated
    items = offers(client)
    assert [item["id"] for item in items] == [offer.pk]
    assert items[0]["meta"]["locale"] == "de"


def test_an_english_listing_shows_the_english_pages_linking_their_originals(client, translated, settings):
    offer, english = translated
    [item] = offers(client, "&locale=en")
    assert item["id"] == english.pk and item["title"] == "Robotics workshop"
    assert item["meta"]["locale"] == "en"
    assert item["meta"]["html_url"] == f"{public_base_url()}/en/mint/robotik-workshop/"
    assert item["meta"]["translations"] == [
        {
            "locale": "de",
            "id": offer.pk,
            "detail_url": f"{settings.WAGTAILAPI_BASE_URL}{PAGES}{offer.pk}/",
            "html_url": f"{public_base_url()}/mint/robotik-workshop/",
        }
    ]


def test_a_detail_in_another_locale_is_the_translation_or_missing(client, translated, content):
    offer, english = translated
    status, body = get_json(client, f"{PAGES}{offer.pk}/?locale=en")
    assert status == 200 and body["id"] == english.pk and body["teaser"] == "Build a robot."
    assert [t["id"] for t in body["meta"]["translations"]] == [offer.pk]
    status, body = get_json(client, f"{PAGES}{english.pk}/?locale=de")
    assert status == 200 and body["id"] == offer.pk
    assert get_json(client, f"{PAGES}{content['story'].pk}/?locale=en")[0] == 404


def test_a_page_without_translations_names_none(client, content):
    status, body = get_json(client, f"{PAGES}{content['story'].pk}/")
    assert status == 200 and body["meta"]["locale"] == "de" and body["meta"]["translations"] == []


def test_an_unknown_locale_is_a_bad_request(client, content):
    status, body = get_json(client, f"{PAGES}?locale=xx")
    assert status == 400 and "locale" in body["errors"]

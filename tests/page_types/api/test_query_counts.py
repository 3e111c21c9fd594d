"""A listing with ``fields=*`` costs the same number of queries for 5 items as for 50.

Every item has its own listing image (with renditions), topics, municipalities and an organisation; MINT
offers have dates, subjects and grade bands; stories have a body with images, a gallery, a page link in
rich text and a call to action. Relations are prefetched and StreamField references resolved for all items
together, so nothing is fetched per item. Renditions are created by a first request before counting, as
on a warm production site; kept bodies are dropped, so the counted request renders.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from page_types.models import Organisation
from page_types.public_urls import public_base_url
from tests.factories import make_image, make_offer, make_story
from tests.page_types.conftest import rich_body

# Constant, but not free: site, restrictions, version, count, items, and one query per relation.
MAX_QUERIES = 30
LISTINGS = {
    "offers": "/api/v2/pages/?type=page_types.MintOfferPage&fields=*&limit=50",
    "stories": "/api/v2/pages/?type=page_types.LighthouseStoryPage&fields=*&limit=50",
    "all content by topic": "/api/v2/pages/?topic=mensch&fields=*&limit=50",
    "images": "/api/v2/images/?fields=*&limit=50",
}


def add_pages(site: dict, count: int, start: int = 0) -> None:
    """``count`` fully filled MINT offers and lighthouse stories."""
    organisation, _created = Organisation.objects.get_or_create(slug="traeger", defaults={"name": "Träger"})
    for number in range(start, start + count):
        image = make_image(f"bild-{number}", size=(32, 18))
        offer = make_offer(
            site["mint"], f"Angebot {number}", topics=["mensch"], municipalities=["tamm", "murr"]
        )
        offer.provider = organisation
        offer.listing_image, offer.listing_image_alt = image, f"Bild {number}"
        offer.save_revision().publish()
        story = make_story(
            site["lighthouse"], f"Geschichte {number}", topics=["raum"], municipalities=["tamm"]
        )
        story.organisation = organisation
        story.hero_image, story.hero_image_alt = image, f"Bild {number}"
        story.body = rich_body(offer, image)
        story.save_revision().publish()


def queries_of(client, url: str) -> int:
    """The queries of rendering ``url`` on a warm site: a first request creates the image renditions, and
    the rendered bodies it kept are dropped so that the counted request renders again.
    """
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.slow
def test_full_listings_cost_the_same_queries_for_5_and_for_50_items(client, site):
    add_pages(site, 5)
    with_five = {name: queries_of(client, url) for name, url in LISTINGS.items()}
    add_pages(site, 45, start=5)
    with_fifty = {name: queries_of(client, url) for name, url in LISTINGS.items()}
    print(f"\nqueries with 5 items: {with_five}\nqueries with 50 items: {with_fifty}")
    assert with_fifty == with_five
    assert max(with_fifty.values()) <= MAX_QUERIES


def test_the_counted_listing_really_contains_every_item_with_its_references(client, site):
    """The equality above only means something if the 50 items really carry their data."""
    add_pages(site, 3)
    items = client.get(LISTINGS["stories"]).json()["items"]
    assert len(items) == 3
    for item in items:
        assert item["hero_image"]["renditions"]["card"]["url"]
        blocks = {block["type"]: block["value"] for block in item["body"]}
        assert blocks["gallery"]["images"][0]["image"]["renditions"]["thumbnail"]["url"]
        assert blocks["call_to_action"]["page"]["html_url"].startswith(f"{public_base_url()}/mint/angebot-")
        assert f'href="{public_base_url()}/mint/angebot-' in blocks["paragraph"]
        assert item["organisation"]["slug"] == "traeger"

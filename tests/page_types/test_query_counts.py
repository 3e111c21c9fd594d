"""The home page and the index pages cost the same number of queries for 5 and for 50 children per family.

Every card shows an image rendition, municipalities and (for MINT offers) dates, subjects and grade bands;
all of that is prefetched, so the count does not grow with the listing. Renditions are created by a first
request before counting, as on a warm production site.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from page_types.models import (
    GradeBand,
    InnovationMilestonePage,
    InternalNewsPage,
    LighthouseStoryPage,
    MintOccurrence,
    MintOfferPage,
    MintSubject,
    Municipality,
    Organisation,
    Topic,
)
from page_types.renditions import LISTING_RENDITION
from tests.factories import make_image

# Tight enough to catch a per-card query (12 cards per index page, 50 milestones on the timeline); a page
# in several languages adds a few per page, not per card (its translations for the language switcher and
# the hreflang alternates, the home page in the active language).
MAX_QUERIES = 50
MODELS = {
    "lighthouse": LighthouseStoryPage,
    "mint": MintOfferPage,
    "history": InnovationMilestonePage,
    "news": InternalNewsPage,
}


def add_children(site: dict, count: int, start: int = 0) -> None:
    """``count`` live, fully tagged pages with their own listing image below each index.

    Built in one save each (no revisions) to keep the test fast; listings read live pages only.
    """
    organisation, _created = Organisation.objects.get_or_create(slug="traeger", defaults={"name": "Träger"})
    topics = list(Topic.objects.filter(slug__in=["mensch", "raum"]))
    municipalities = list(Municipality.objects.filter(slug__in=["tamm", "murr"]))
    for key, model in MODELS.items():
        for number in range(start, start + count):
            page = model(
                title=f"{key} {number}",
                teaser="Teaser",
                listing_image=make_image(f"{key}-{number}", size=(32, 18)),
                listing_image_alt=f"Bild {number}",
            )
            page.topics = topics
            page.municipalities = municipalities
            if key == "mint":
                page.kind = "workshop"
                page.provider = organisation
                page.subjects = list(MintSubject.objects.all()[:2])
                page.grade_bands = list(GradeBand.objects.all()[:2])
                start_at = timezone.now() + timedelta(days=number + 1)
                page.occurrences = [
                    MintOccurrence(start=start_at),
                    MintOccurrence(start=start_at + timedelta(7)),
                ]
            elif key == "history":
                page.year = 1800 + number
                page.organisation = organisation
            site[key].add_child(instance=page)


def measure(client, url: str) -> tuple[int, int]:
    """The queries of a warm request to ``url`` and the number of card images it shows."""
    assert client.get(url).status_code == 200  # creates the renditions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode().count(f".{LISTING_RENDITION}.")


@pytest.mark.slow
def test_home_and_index_queries_do_not_grow_with_the_number_of_children(client, site, settings):
    # Listings do not search: indexing 200 pages would only slow the test down.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    urls = ["/", *(site[key].url for key in MODELS)]
    add_children(site, 5)
    with_five = {url: measure(client, url) for url in urls}
    add_children(site, 45, start=5)
    with_fifty = {url: measure(client, url) for url in urls}
    print(f"\n(queries, card images) with 5 children: {with_five}\nwith 50 children: {with_fifty}")

    # The cards were really rendered: 3 per family on the home page, a full page of each index.
    assert [images for _queries, images in with_five.values()] == [12, 5, 5, 5, 5]
    assert [images for _queries, images in with_fifty.values()] == [12, 12, 12, 50, 12]
    assert {url: queries for url, (queries, _images) in with_fifty.items()} == {
        url: queries for url, (queries, _images) in with_five.items()
    }
    assert max(queries for queries, _images in with_fifty.values()) <= MAX_QUERIES

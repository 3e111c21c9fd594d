"""Images for ``<picture>`` and ``srcset``: AVIF, WebP and the upload's format at fixed widths, read without
a query per rendition, and made ahead by the task queue when an image is saved or a page published."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_q.conf import Conf
from PIL import Image as PILImage
from wagtail.images import get_image_model

from page_types.renditions import SRCSET_WIDTHS, api_rendition_specs
from tests.factories import make_image, make_offer
from tests.page_types.api.conftest import get_json

Rendition = get_image_model().get_rendition_model()
OFFERS = "/api/v2/pages/?type=page_types.MintOfferPage&fields=listing_image"


@pytest.fixture
def worker(monkeypatch):
    """The task queue runs each task at once, as a worker would (django-q2's synchronous mode)."""
    monkeypatch.setattr(Conf, "SYNC", True)


def test_the_fixed_widths_are_documented():
    with open("docs/API.md", encoding="utf-8") as api_doc:
        assert ", ".join(map(str, SRCSET_WIDTHS)) in api_doc.read()


def test_an_image_has_a_source_per_format_with_the_widths_up_to_its_own(client, site):
    make_image("Weinberge", size=(1000, 500))
    status, body = get_json(client, "/api/v2/images/?fields=sources,alt")
    item = body["items"][0]
    assert item["alt"] == "Weinberge"
    assert [source["type"] for source in item["sources"]] == ["image/avif", "image/webp", "image/png"]
    for source, pil_format in zip(item["sources"], ["AVIF", "WEBP", "PNG"], strict=True):
        # 1280 is not enlarged: it is the image at its own width, the widest candidate.
        assert [(c["width"], c["height"]) for c in source["candidates"]] == [
            (320, 160),
            (640, 320),
            (960, 480),
            (1000, 500),
        ]
        assert source["srcset"] == ", ".join(f"{c['url']} {c['width']}w" for c in source["candidates"])
        path = source["candidates"][0]["url"].partition("/media/")[2]
        with PILImage.open(f"{settings.MEDIA_ROOT}/{path}") as written:
            assert written.format == pil_format


def test_page_images_carry_sources_beside_the_named_renditions(client, site):
    offer = make_offer(site["mint"], "Löten lernen")
    offer.listing_image, offer.listing_image_alt = make_image("Lötkolben", size=(400, 300)), "Ein Lötkolben"
    offer.save_revision().publish()
    status, body = get_json(client, OFFERS)
    image = body["items"][0]["listing_image"]
    assert image["alt"] == "Ein Lötkolben"
    assert set(image["renditions"]) == {"thumbnail", "card", "medium", "large"}
    assert [len(source["candidates"]) for source in image["sources"]] == [2, 2, 2]  # 320 and 400 wide


def _offers_with_images(site: dict, count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        offer = make_offer(site["mint"], f"Angebot {number}")
        offer.listing_image, offer.listing_image_alt = make_image(f"bild-{number}", size=(700, 400)), "Bild"
        offer.save_revision().publish()


def _queries(client, url: str) -> int:
    assert client.get(url).status_code == 200  # makes the renditions, as on a warm site
    cache.clear()  # the counted request renders rather than serving the kept body
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [OFFERS, "/api/v2/images/?fields=sources,renditions&limit=50"])
def test_the_query_count_does_not_grow_with_the_number_of_images(client, site, url):
    _offers_with_images(site, 2)
    few = _queries(client, url)
    _offers_with_images(site, 6, start=2)
    assert _queries(client, url) == few


def test_saving_an_image_makes_its_renditions_in_the_task_queue(
    django_capture_on_commit_callbacks, worker, db
):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image("Hochgeladen", size=(700, 400))
    made = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == set(api_rendition_specs(700))


def test_after_publishing_the_listing_makes_no_renditions(
    client, site, django_capture_on_commit_callbacks, worker
):
    image = make_image("Neu", size=(700, 400))  # its own task is never run: its commit is not reached here
    offer = make_offer(site["mint"], "Frisch veröffentlicht")
    offer.listing_image, offer.listing_image_alt = image, "Neu"
    assert not Rendition.objects.filter(image=image).exists()
    with django_capture_on_commit_callbacks(execute=True):
        offer.save_revision().publish()
    made_by_the_queue = Rendition.objects.filter(image=image).count()
    assert made_by_the_queue == len(api_rendition_specs(700))
    assert client.get(OFFERS).status_code == 200
    assert Rendition.objects.filter(image=image).count() == made_by_the_queue

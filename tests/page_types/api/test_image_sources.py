"""Images for ``<picture>`` and ``srcset``: AVIF, WebP and the upload's format at fixed widths, read without
a query per rendition, and made by the task queue when an image is saved or a page published — never by a
request."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_q.conf import Conf
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from page_types.rendition_tasks import make_renditions
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


def uploaded(title: str, size: tuple[int, int], capture) -> AbstractImage:
    """An image saved as an upload is: its task runs once the save is committed."""
    with capture(execute=True):
        return make_image(title, size=size)


def test_an_image_has_a_source_per_format_with_the_widths_up_to_its_own(
    client, site, worker, django_capture_on_commit_callbacks
):
    uploaded("Weinberge", (1000, 500), django_capture_on_commit_callbacks)
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


def test_page_images_carry_sources_beside_the_named_renditions(
    client, site, worker, django_capture_on_commit_callbacks
):
    offer = make_offer(site["mint"], "Löten lernen")
    image = uploaded("Lötkolben", (400, 300), django_capture_on_commit_callbacks)
    offer.listing_image, offer.listing_image_alt = image, "Ein Lötkolben"
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
    make_renditions(list(get_image_model().objects.values_list("pk", flat=True)))  # as the queue does
    assert client.get(url).status_code == 200  # makes nothing more, as on a warm site
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
    assert all(len(item["sources"]) == 3 for item in _images(client, url))


def _images(client, url: str) -> list[dict]:
    items = client.get(url).json()["items"]
    return [item.get("listing_image") or item for item in items]


def test_a_request_never_makes_srcset_renditions_but_shows_them_once_the_queue_has(client, site):
    offer = make_offer(site["mint"], "Noch ohne Warteschlange")
    image = make_image("Ohne", size=(700, 400))  # its task is never run: its commit is not reached here
    offer.listing_image, offer.listing_image_alt = image, "Ohne"
    offer.save_revision().publish()
    [shown] = _images(client, OFFERS)
    assert shown["sources"] == [] and set(shown["renditions"]) == {"thumbnail", "card", "medium", "large"}
    made = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == {"fill-320x320-c80", "fill-640x360-c80", "width-960", "width-1920"}  # the named sizes only
    make_renditions([image.pk])  # the queue's task; the kept answer is not shown again
    [shown] = _images(client, OFFERS)
    assert [len(source["candidates"]) for source in shown["sources"]] == [3, 3, 3]


def test_the_command_queues_every_image(worker, db):
    images = [make_image(f"Bild {number}", size=(400, 300)) for number in range(3)]
    call_command("queue_renditions", stdout=StringIO())
    for image in images:
        assert Rendition.objects.filter(image=image).count() == len(api_rendition_specs(400))


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

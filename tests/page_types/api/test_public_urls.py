"""Every absolute URL of the content API comes from one rule, the public base URL
(``PAGE_TYPES_PUBLIC_BASE_URL``), whatever ``Host`` the request came in with: ``detail_url``, ``html_url``
(also of parents and translations), rendition and download URLs, links in rich text and the ``find``
redirect. The test's requests come in on a host that is neither the base URL nor the site record's."""

import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from page_types.rendition_tasks import make_renditions
from tests.factories import make_image, make_offer, make_story
from tests.page_types.api.conftest import get_json
from tests.page_types.conftest import rich_body

BASE = "https://leuchtturm.landkreis-ludwigsburg.example"
# An allowed host other than the base URL's and the site record's (localhost:80).
FOREIGN_HOST = "127.0.0.1:8080"
# Any URL on a host this machine answers to, where the test's requests came in or the site record points.
LOCAL_URL = re.compile(r"https?://(?:testserver|localhost|127\.0\.0\.1)\b")


@pytest.fixture
def pages(settings, site) -> dict:
    settings.PAGE_TYPES_PUBLIC_BASE_URL = BASE + "/"  # a trailing slash is no second one in the URLs
    offer = make_offer(site["mint"], "Roboter bauen")
    image = make_image("Werkhalle", size=(700, 400))
    make_renditions([image.pk])  # the task queue's work: the srcset sources
    offer.listing_image, offer.listing_image_alt = image, "Die Werkhalle"
    offer.save_revision().publish()
    story = make_story(site["lighthouse"], "Ein Leuchtturm")
    story.body = rich_body(offer, image)
    story.save_revision().publish()
    get_document_model().objects.create(title="Satzung", file=ContentFile(b"x", name="satzung.txt"))
    cache.clear()
    return {"offer": offer, "story": story, "image": image}


def foreign(client, url: str) -> tuple[int, dict, str]:
    """Status, JSON and raw body of ``url`` requested on the foreign host."""
    status, body = get_json(client, url, Host=FOREIGN_HOST)
    return status, body, client.get(url, headers={"Host": FOREIGN_HOST}).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/",
        "/api/v2/vocabulary/",
        "/api/v2/pages/?fields=*",
        "/api/v2/pages/?type=page_types.LighthouseStoryPage&fields=*",
        "/api/v2/pages/?type=page_types.MintOfferPage&fields=*",
        "/api/v2/images/?fields=*",
        "/api/v2/documents/?fields=*",
    ],
)
def test_no_url_names_the_host_the_request_came_in_on(client, pages, url):
    status, body, raw = foreign(client, url)
    assert status == 200
    assert BASE + "/" in raw
    assert not LOCAL_URL.search(raw), LOCAL_URL.search(raw)
    assert BASE + "//" not in raw


def test_each_kind_of_address_is_on_the_base_url(client, pages):
    offer, story = pages["offer"], pages["story"]
    _status, detail, _raw = foreign(client, f"/api/v2/pages/{story.pk}/")
    assert detail["meta"]["detail_url"] == f"{BASE}/api/v2/pages/{story.pk}/"
    assert detail["meta"]["html_url"] == f"{BASE}{story.url}"
    assert detail["meta"]["parent"]["meta"]["html_url"] == f"{BASE}/leuchttuerme/"
    assert detail["meta"]["parent"]["meta"]["detail_url"].startswith(f"{BASE}/api/v2/pages/")
    blocks = {block["type"]: block["value"] for block in detail["body"]}
    assert blocks["call_to_action"]["page"]["html_url"] == f"{BASE}{offer.url}"
    assert f'href="{BASE}{offer.url}"' in blocks["paragraph"]
    image = blocks["image"]["image"]
    assert image["renditions"]["card"]["url"].startswith(f"{BASE}/media/images/")
    candidates = [candidate for source in image["sources"] for candidate in source["candidates"]]
    assert candidates and all(candidate["url"].startswith(f"{BASE}/media/") for candidate in candidates)
    _status, images, _raw = foreign(client, "/api/v2/images/?fields=*")
    assert images["items"][0]["meta"]["download_url"].startswith(f"{BASE}/media/original_images/")
    _status, documents, _raw = foreign(client, "/api/v2/documents/?fields=*")
    assert documents["items"][0]["meta"]["download_url"].startswith(f"{BASE}/documents/")


def test_find_redirects_to_the_base_url(client, pages):
    offer = pages["offer"]
    response = client.get(f"/api/v2/pages/find/?html_path={offer.url}", headers={"Host": FOREIGN_HOST})
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/api/v2/pages/{offer.pk}/"


def test_the_base_url_defaults_to_the_admin_base_url(client, pages, settings):
    settings.PAGE_TYPES_PUBLIC_BASE_URL = None
    settings.WAGTAILADMIN_BASE_URL = "https://admin.leuchtturm.example"
    _status, body, _raw = foreign(client, "/api/v2/")
    assert body["pages"] == "https://admin.leuchtturm.example/api/v2/pages/"

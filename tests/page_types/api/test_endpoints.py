"""The API's addresses: its index, images and documents endpoints, the health check, and the subscription
API that shares the ``/api/`` prefix."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories import make_image
from tests.page_types.api.conftest import get_json


def test_the_index_names_the_endpoints(client, site):
    status, body = get_json(client, "/api/v2/")
    assert status == 200
    assert set(body) == {"pages", "images", "documents", "vocabulary"}
    assert body["pages"].endswith("/api/v2/pages/")


def test_images_come_with_renditions_alt_text_and_focal_point(client, site):
    image = make_image("Weinberge", size=(200, 100))
    image.description = "Weinberge über dem Neckar"
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        50,
        40,
        10,
        10,
    )
    image.save()
    status, body = get_json(client, "/api/v2/images/?fields=*")
    item = body["items"][0]
    assert item["alt"] == "Weinberge über dem Neckar"
    assert item["focal_point"] == {"x": 50, "y": 40, "width": 10, "height": 10}
    specs = {
        "thumbnail": "fill-320x320",
        "card": "fill-640x360",
        "medium": "width-960",
        "large": "width-1920",
    }
    assert set(item["renditions"]) == set(specs)
    for name, spec in specs.items():
        assert spec in item["renditions"][name]["url"] and item["renditions"][name]["url"].startswith("http")
    status, detail = get_json(client, f"/api/v2/images/{image.pk}/")
    assert detail["renditions"] == item["renditions"] and detail["width"] == 200


def test_documents_have_absolute_download_urls(client, site):
    document = get_document_model().objects.create(
        title="Satzung", file=ContentFile(b"x", name="satzung.txt")
    )
    status, body = get_json(client, "/api/v2/documents/?fields=*")
    assert body["items"][0]["meta"]["download_url"].startswith("http")
    assert body["items"][0]["id"] == document.pk


def test_the_health_check_answers_without_being_cached(client, db):
    response = client.get("/api/health/")
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_the_subscription_api_still_owns_the_rest_of_api(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Leuchtturm API"

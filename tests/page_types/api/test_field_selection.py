"""Field selection (``fields``): named fields come whole, and a nested selection (``provider(name)``) is
refused alike for every field of every endpoint — Wagtail would silently ignore it for some relations and
misreport it for others, since every relation here has a serializer of its own."""

import pytest
from wagtail.images import get_image_model

from page_types.api.endpoints import ImagesEndpoint, PagesEndpoint
from page_types.models import ContentPage
from tests.page_types.api.conftest import content_error, get_json
from tests.page_types.api.test_bad_input import NESTED


def page_fields() -> list[tuple[str, str]]:
    """Every body and meta field of every content page type, with the type."""
    return [
        (model._meta.label, name)
        for model in [ContentPage, *ContentPage.__subclasses__()]
        for name in PagesEndpoint.get_available_fields(model)
    ]


@pytest.mark.parametrize(("page_type", "name"), page_fields())
def test_a_nested_selection_is_refused_for_every_page_field(client, content, page_type, name):
    url = f"/api/v2/pages/?type={page_type}&fields={name}(id)"
    status, body = get_json(client, url)
    expected = f"Ungültige Feldauswahl: {NESTED % name}."
    assert (status, body) == (400, content_error(400, expected, "fields"))


@pytest.mark.parametrize("name", ImagesEndpoint.get_available_fields(get_image_model()))
def test_a_nested_selection_is_refused_for_every_image_field(client, content, name):
    status, body = get_json(client, f"/api/v2/images/{content['image'].pk}/?fields={name}(id)")
    assert (status, body["errors"]) == (400, {"fields": [f"Ungültige Feldauswahl: {NESTED % name}."]})


@pytest.mark.parametrize(
    "fields", ["listing_image(id)", "provider(name)", "*,topics(slug)", "title,occurrences(start,end)"]
)
def test_a_selection_once_ignored_or_misreported_is_refused(client, content, fields):
    url = f"/api/v2/pages/{content['offer'].pk}/?fields={fields}"
    status, body = get_json(client, url)
    assert status == 400
    assert body["detail"].startswith("Ungültige Feldauswahl: „") and "Unterfelder" in body["detail"]


def test_named_object_fields_come_whole(client, content):
    url = "/api/v2/pages/?type=page_types.MintOfferPage&fields=_,id,provider,listing_image,topics"
    status, body = get_json(client, url)
    assert status == 200
    [item] = [item for item in body["items"] if item["id"] == content["offer"].pk]
    assert set(item) == {"id", "provider", "listing_image", "topics"}
    assert {"id", "slug", "name", "kind", "website"} <= set(item["provider"])
    assert {"id", "title", "alt", "renditions", "sources"} <= set(item["listing_image"])
    assert {"id", "slug", "name", "parent"} <= set(item["topics"][0])

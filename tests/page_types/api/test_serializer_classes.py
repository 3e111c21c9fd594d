"""Serializer classes and their fields are built once per endpoint, model and field selection and then
reused (``page_types.api.endpoints._serializer_class``): what they render must equal what Wagtail's classes,
built anew for every request, render — also after other field selections and models have used the kept
classes."""

from django.core.cache import cache
from wagtail.api.v2.views import BaseAPIViewSet

from page_types.api.endpoints import ContentEndpoint, _serializer_class


def urls(content: dict) -> list[str]:
    return [
        "/api/v2/pages/?type=page_types.MintOfferPage&fields=*",
        "/api/v2/pages/?type=page_types.MintOfferPage&fields=title,occurrences,provider",
        "/api/v2/pages/?type=page_types.MintOfferPage&fields=*,-body,-topics",
        "/api/v2/pages/?type=page_types.LighthouseStoryPage&fields=*",
        "/api/v2/pages/?topic=mensch&fields=*",
        "/api/v2/pages/?fields=_,id,title",
        "/api/v2/pages/",
        f"/api/v2/pages/{content['story'].pk}/",
        f"/api/v2/pages/{content['offer'].pk}/?fields=*,-body",
        f"/api/v2/pages/{content['milestone'].pk}/",
        "/api/v2/images/?fields=*",
        f"/api/v2/images/{content['image'].pk}/",
        "/api/v2/documents/?fields=*",
    ]


def rendered(client, url: str) -> tuple[int, bytes]:
    cache.clear()  # render, not the kept body
    response = client.get(url)
    return response.status_code, response.content


def test_kept_serializer_classes_render_what_new_ones_do(client, content, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(
            ContentEndpoint,
            "_get_serializer_class",
            classmethod(BaseAPIViewSet._get_serializer_class.__func__),
        )
        expected = [rendered(client, url) for url in urls(content)]
    assert all(status == 200 for status, _body in expected)
    _serializer_class.cache_clear()
    for _round in range(2):  # the second round uses only kept classes and fields
        assert [rendered(client, url) for url in urls(content)] == expected


def test_an_unknown_field_is_still_a_400_with_kept_classes(client, content):
    url = "/api/v2/pages/?type=page_types.MintOfferPage&fields=gibtsnicht"
    for _round in range(2):
        assert client.get(url).status_code == 400

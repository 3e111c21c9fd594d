"""Kept bodies are served before the view's own work (``ContentEndpoint.dispatch``): the answer must be the
same, byte for byte and header for header, as the one rendered in full, and never outlive a change of
content or privacy."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.permissions import AllowAny
from wagtail.models import PageViewRestriction, Site

from page_types import caching
from page_types.api.endpoints import DocumentsEndpoint, ImagesEndpoint, PagesEndpoint
from tests.page_types.api.test_caching import backdate_last_change

# Headers that carry the time of the answer rather than its content.
# Headers of the exchange rather than of the answer: the request id names each request (cms/request_id.py).
VOLATILE_HEADERS = {"date", "expires", "x-request-id"}


def answer(response) -> tuple[int, dict[str, str], bytes]:
    headers = {
        name.lower(): value for name, value in response.items() if name.lower() not in VOLATILE_HEADERS
    }
    return response.status_code, headers, response.content


def urls(content: dict) -> list[str]:
    return [
        "/api/v2/pages/?type=page_types.MintOfferPage&fields=*",
        "/api/v2/pages/?type=page_types.LighthouseStoryPage&fields=*",
        "/api/v2/pages/?topic=mensch&fields=*",
        "/api/v2/pages/?type=page_types.MintOfferPage&fields=*,-body",
        "/api/v2/pages/?upcoming=true&fields=title,occurrences",
        "/api/v2/pages/?child_of=root",
        f"/api/v2/pages/{content['story'].pk}/",
        f"/api/v2/pages/{content['offer'].pk}/?rich_text_format=markdown",
        "/api/v2/images/?fields=*",
        f"/api/v2/images/{content['image'].pk}/",
        "/api/v2/documents/",
    ]


def test_a_kept_answer_equals_the_rendered_one(client, content):
    backdate_last_change()  # else Last-Modified appears as soon as the second of the change is over
    # ``upcoming=true`` answers are valid for the current minute: hold it, or a slow run may cross it.
    with mock.patch("page_types.caching.current_minute", return_value=caching.current_minute()):
        for url in urls(content):
            rendered = client.get(url)
            assert rendered.status_code == 200, url
            assert answer(client.get(url)) == answer(rendered), url
            etag = rendered["ETag"]
            revalidated = answer(client.get(url, headers={"if-none-match": etag}))
            cache.clear()  # a process that kept nothing answers the revalidation in full
            assert answer(client.get(url, headers={"if-none-match": etag})) == revalidated, url
            assert revalidated[0] == 304, url


def test_a_kept_answer_costs_one_query(client, content):
    url = "/api/v2/pages/?type=page_types.MintOfferPage&fields=*"
    first = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url)
        revalidated = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.content == first.content and revalidated.status_code == 304
    assert len(captured) == 2  # the content version, once per request


def test_a_miss_does_not_read_the_content_version_twice(client, content):
    url = "/api/v2/pages/?type=page_types.MintOfferPage&fields=*"
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    versions = [query for query in captured if "page_types_contentversion" in query["sql"]]
    assert len(versions) == 1


@pytest.mark.parametrize("url", ["/api/v2/pages/{pk}/", "/api/v2/pages/?type=page_types.MintOfferPage"])
def test_a_page_made_private_is_not_served_from_a_kept_body(client, content, url):
    url = url.format(pk=content["offer"].pk)
    assert content["offer"].title in client.get(url).content.decode()
    PageViewRestriction.objects.create(
        page=content["mint"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get(url)
    assert content["offer"].title not in response.content.decode()


def test_kept_bodies_are_kept_per_host(client, content):
    """Another host may be another site, with other pages: its answers are kept apart."""
    url = "/api/v2/pages/?type=page_types.MintOfferPage"
    first = client.get(url)
    other_host = client.get(url, headers={"host": "127.0.0.1"})
    assert other_host.status_code == 200
    assert other_host["ETag"] != first["ETag"]


def test_kept_bodies_are_kept_per_port(client, content):
    """Wagtail tells two sites on one host name apart by the server's port, which the ``Host`` header of
    a request behind a proxy does not carry: the other site's pages must not come from a kept body."""
    Site.objects.create(hostname="testserver", port=80, root_page=content["home"], site_name="Leuchtturm")
    Site.objects.create(
        hostname="testserver", port=8080, root_page=content["history"], site_name="Geschichte"
    )
    url = "/api/v2/pages/?type=page_types.MintOfferPage"
    host = {"host": "testserver"}  # as a proxy in front of both ports sends it
    assert content["offer"].title in client.get(url, headers=host, SERVER_PORT="80").content.decode()
    other_site = client.get(url, headers=host, SERVER_PORT="8080")
    assert other_site.status_code == 200
    assert content["offer"].title not in other_site.content.decode()


def test_a_bad_request_is_not_answered_from_a_kept_body(client, content):
    url = "/api/v2/pages/?type=page_types.MintOfferPage"
    client.get(url)
    assert client.get(url + "&colour=blau").status_code == 400
    assert client.get(url, headers={"if-none-match": "*"}).status_code == 304
    assert client.get(url + "&limit=500", headers={"if-none-match": "*"}).status_code == 400


@pytest.mark.parametrize("endpoint", [PagesEndpoint, ImagesEndpoint, DocumentsEndpoint])
def test_serving_before_drf_skips_no_check(endpoint):
    """``dispatch`` answers before DRF checks authentication, permissions and throttles: there are none."""
    view = endpoint()
    assert not view.get_authenticators() and not view.get_throttles()
    assert all(isinstance(permission, AllowAny) for permission in view.get_permissions())

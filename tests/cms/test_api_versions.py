"""The subscription API lives under /api/v1/; its former unversioned paths answer the same — GET and POST,
not a redirect, so that relays whose HTTP client follows none keep working — and say that they are
deprecated, when they go and where their successor is."""

import pytest
from django.test import Client

from campaigns.models import Channel, SignupRequest
from cms.api import UNVERSIONED_SUNSET
from tests.campaigns.subscribing import signup_data, unique_ip

pytestmark = pytest.mark.django_db

DEPRECATION_HEADERS = ("Deprecation", "Sunset", "Link")


@pytest.fixture
def api() -> Client:
    """A client as a relay is one: no cookies, no CSRF token (the API is exempt, at either path)."""
    Channel.objects.create(name="MINT-Update", slug="mint-update")
    return Client(REMOTE_ADDR=unique_ip(), enforce_csrf_checks=True)


def test_a_get_at_the_old_path_answers_as_v1_and_says_it_is_deprecated(api):
    current = api.get("/api/v1/subscriptions/options")
    old = api.get("/api/subscriptions/options")
    assert (old.status_code, old.json()) == (200, current.json())
    assert not any(header in current for header in DEPRECATION_HEADERS)
    assert old["Deprecation"] == "@1796601600"  # 2026-12-07, RFC 9745
    assert old["Sunset"] == "Thu, 01 Jul 2027 00:00:00 GMT" and UNVERSIONED_SUNSET.year == 2027
    assert old["Link"] == '</api/v1/subscriptions/options>; rel="successor-version"'


def test_a_post_at_the_old_path_signs_up_as_v1(api):
    old = api.post(
        "/api/subscriptions",
        {**signup_data("alt@example.org"), "consent": True},
        content_type="application/json",
    )
    current = api.post(
        "/api/v1/subscriptions",
        {**signup_data("neu@example.org"), "consent": True},
        content_type="application/json",
    )
    assert (old.status_code, old.json()) == (202, current.json())
    assert old["Link"] == '</api/v1/subscriptions>; rel="successor-version"'
    assert set(SignupRequest.objects.values_list("email", flat=True)) == {
        "alt@example.org",
        "neu@example.org",
    }


def test_errors_at_the_old_path_are_the_same_problems(api):
    old = api.post("/api/subscriptions", {"email": "kaputt"}, content_type="application/json")
    current = api.post("/api/v1/subscriptions", {"email": "kaputt"}, content_type="application/json")
    assert (old.status_code, old["Content-Type"], old.json()) == (
        422,
        current["Content-Type"],
        current.json(),
    )
    assert api.get("/api/subscriptions/gibt-es-nicht/").status_code == 404


def test_trailing_slash_variants_of_v1_redirect_keeping_the_method(api):
    api = Client(REMOTE_ADDR=unique_ip())  # the slash variant is no API path, so CSRF is not waived there
    posted = api.post("/api/v1/subscriptions/", {}, content_type="application/json")
    assert (posted.status_code, posted["Location"]) == (308, "/api/v1/subscriptions")


def test_the_openapi_document_describes_v1_only(api):
    paths = api.get("/api/openapi.json").json()["paths"]
    assert "/api/v1/subscriptions/options" in paths
    assert not [path for path in paths if path.startswith("/api/subscriptions")]


def test_a_browser_front_end_may_read_the_deprecation_headers(api, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://portal.example"]
    old = api.get("/api/subscriptions/options", headers={"origin": "https://portal.example"})
    exposed = {name.strip().lower() for name in old["Access-Control-Expose-Headers"].split(",")}
    assert {"deprecation", "sunset", "link"} <= exposed

"""CORS: front ends on the configured origins may read the APIs; nothing is open by default."""

from django.conf import settings
from django.test import override_settings

PORTAL = "https://portal.example"


def test_no_origin_is_allowed_by_default(client, site):
    assert settings.CORS_ALLOWED_ORIGINS == []
    assert not getattr(settings, "CORS_ALLOW_ALL_ORIGINS", False)
    response = client.get("/api/v2/pages/", headers={"origin": PORTAL})
    assert response.status_code == 200
    assert not response.has_header("Access-Control-Allow-Origin")


@override_settings(CORS_ALLOWED_ORIGINS=[PORTAL])
def test_a_configured_origin_may_read_the_apis_and_their_etag(client, site):
    response = client.get("/api/v2/pages/", headers={"origin": PORTAL})
    assert response["Access-Control-Allow-Origin"] == PORTAL
    assert "etag" in response["Access-Control-Expose-Headers"].lower()
    preflight = client.options(
        "/api/v2/pages/", headers={"origin": PORTAL, "access-control-request-method": "GET"}
    )
    assert preflight["Access-Control-Allow-Origin"] == PORTAL
    assert client.get("/api/health/", headers={"origin": PORTAL})["Access-Control-Allow-Origin"] == PORTAL


@override_settings(CORS_ALLOWED_ORIGINS=[PORTAL])
def test_other_origins_and_the_site_itself_get_no_cors_headers(client, site):
    assert not client.get("/api/v2/pages/", headers={"origin": "https://evil.example"}).has_header(
        "Access-Control-Allow-Origin"
    )
    assert not client.get("/", headers={"origin": PORTAL}).has_header("Access-Control-Allow-Origin")

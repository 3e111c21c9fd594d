"""CORS: front ends on the configured origins (or origin patterns) may read the APIs and the JSON Feed,
revalidate them and read their validators; nothing is open by default."""

from django.conf import settings
from django.test import override_settings

from campaigns.models import Channel
from cms.env import env_origin_patterns

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


@override_settings(CORS_ALLOWED_ORIGINS=[PORTAL])
def test_a_conditional_fetch_may_send_its_validators_and_read_the_answers_headers(client, site):
    preflight = client.options(
        "/api/v2/pages/",
        headers={
            "origin": PORTAL,
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match,if-modified-since",
        },
    )
    allowed = {name.strip() for name in preflight["Access-Control-Allow-Headers"].lower().split(",")}
    assert {"if-none-match", "if-modified-since"} <= allowed
    first = client.get("/api/v2/pages/", headers={"origin": PORTAL})
    exposed = {name.strip() for name in first["Access-Control-Expose-Headers"].lower().split(",")}
    assert {"etag", "last-modified", "retry-after"} <= exposed
    revalidated = client.get("/api/v2/pages/", headers={"origin": PORTAL, "if-none-match": first["ETag"]})
    assert revalidated.status_code == 304
    assert revalidated["Access-Control-Allow-Origin"] == PORTAL


@override_settings(CORS_ALLOWED_ORIGINS=[PORTAL])
def test_the_json_feed_has_the_same_policy_and_the_other_feeds_none(client, site):
    Channel.objects.create(name="MINT-Update", slug="mint-update")
    feed = client.get("/feeds/mint-update/json/", headers={"origin": PORTAL})
    assert feed.status_code == 200 and feed["Access-Control-Allow-Origin"] == PORTAL
    assert "etag" in feed["Access-Control-Expose-Headers"].lower()
    preflight = client.options(
        "/feeds/mint-update/json/",
        headers={
            "origin": PORTAL,
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert preflight["Access-Control-Allow-Origin"] == PORTAL
    assert not client.get("/feeds/mint-update/rss/", headers={"origin": PORTAL}).has_header(
        "Access-Control-Allow-Origin"
    )


def test_origin_patterns_from_the_environment_admit_every_municipal_site_and_nothing_else(
    client, site, monkeypatch
):
    monkeypatch.setenv("CORS_ALLOWED_ORIGIN_PATTERNS", "https://*.ludwigsburg.example, https://*.app.example")
    with override_settings(CORS_ALLOWED_ORIGIN_REGEXES=env_origin_patterns("CORS_ALLOWED_ORIGIN_PATTERNS")):
        for origin in ("https://www.asperg.ludwigsburg.example", "https://kornwestheim.ludwigsburg.example"):
            response = client.get("/api/v2/pages/", headers={"origin": origin})
            assert response["Access-Control-Allow-Origin"] == origin
        for origin in (
            "https://ludwigsburg.example",
            "https://ludwigsburg.example.evil.example",
            "http://asperg.ludwigsburg.example",
            "https://asperg.ludwigsburg.example:8443",
        ):
            response = client.get("/api/v2/pages/", headers={"origin": origin})
            assert not response.has_header("Access-Control-Allow-Origin"), origin

"""Security headers: a strict CSP on the site, a wider one only in the admin, and the production transport
settings (HSTS, secure cookies, HTTPS redirect) switched on by environment variables with DEBUG off.

The production cases run in a fresh interpreter with ``DEBUG`` off and collected static files, as deployed.
"""

import pytest
from csp.constants import HEADER as CSP

from tests.processes import django_json, production_env


def directives(header: str) -> dict[str, list[str]]:
    """A CSP header as ``{directive: [sources]}``."""
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.fixture
def site_response(client, db):
    """A public response: Wagtail's page tree answers every path outside the admin and the APIs."""
    return client.get("/es-gibt-diese-seite-nicht/")


def test_site_policy_allows_only_own_scripts_and_styles(site_response):
    policy = directives(site_response[CSP])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_admin_policy_adds_inline_scripts_and_styles_but_no_eval(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response[CSP])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert not any("unsafe-eval" in source for sources in policy.values() for source in sources)
    assert policy["object-src"] == ["'none'"]


def test_site_responses_carry_the_hardening_headers(site_response):
    assert site_response["X-Content-Type-Options"] == "nosniff"
    assert site_response["Referrer-Policy"] == "same-origin"
    assert site_response["X-Frame-Options"] == "SAMEORIGIN"
    assert site_response["Cross-Origin-Opener-Policy"] == "same-origin"


# A static file answers without a database, through the whole middleware stack (WhiteNoise sits below
# SecurityMiddleware), so the probe needs only collected static files.
TRANSPORT_PROBE = """
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client

client = Client()
stylesheet = staticfiles_storage.url("wagtailadmin/css/core.css")
plain = client.get(stylesheet)
proxied = client.get(stylesheet, headers={"x-forwarded-proto": "https", "accept-encoding": "gzip"})
result = {
    "stylesheet": stylesheet,
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "proxied_status": proxied.status_code,
    "hsts": proxied.get("Strict-Transport-Security"),
    "cache_control": proxied.get("Cache-Control"),
    "content_encoding": proxied.get("Content-Encoding"),
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
}
"""


@pytest.mark.once
@pytest.mark.xdist_group("collected_static")
def test_production_transport_settings_come_from_the_environment(tmp_path, collected_static):
    result = django_json(
        TRANSPORT_PROBE,
        production_env(
            tmp_path,
            STATIC_ROOT=str(collected_static),
            SECURE_HSTS_SECONDS="31536000",
            SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
            SECURE_HSTS_PRELOAD="1",
            SECURE_SSL_REDIRECT="1",
            TRUSTED_PROXIES="1",  # X-Forwarded-Proto is believed only behind a configured proxy
        ),
    )
    assert result["plain_status"] == 301
    assert result["plain_location"] == f"https://testserver{result['stylesheet']}"
    assert result["proxied_status"] == 200
    assert result["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert result["csrf_cookie_secure"] is True
    assert result["session_cookie_secure"] is True


@pytest.mark.once
@pytest.mark.xdist_group("collected_static")
def test_without_hsts_configured_none_is_sent_but_cookies_stay_secure(tmp_path, collected_static):
    """HSTS is a promise browsers remember for its max-age, so it is only sent once an operator sets it."""
    result = django_json(TRANSPORT_PROBE, production_env(tmp_path, STATIC_ROOT=str(collected_static)))
    assert result["plain_status"] == 200
    assert result["hsts"] is None
    assert result["csrf_cookie_secure"] is True
    assert result["session_cookie_secure"] is True


@pytest.mark.once
@pytest.mark.xdist_group("collected_static")
def test_whitenoise_serves_hashed_compressed_static_files_cached_forever(tmp_path, collected_static):
    result = django_json(TRANSPORT_PROBE, production_env(tmp_path, STATIC_ROOT=str(collected_static)))
    assert result["stylesheet"].startswith("/static/wagtailadmin/css/core.")
    assert result["stylesheet"] != "/static/wagtailadmin/css/core.css"
    assert result["proxied_status"] == 200
    assert "immutable" in result["cache_control"]
    assert result["content_encoding"] == "gzip"

"""Server relays: with a valid API key, the visitor's address in ``Visitor-IP`` is what the sign-up limit
counts and the consent log records; without one the header is ignored; a wrong key changes nothing."""

import re

import pytest
from django.test import Client

from campaigns.models import ApiKey, ConsentEvent, SignupRequest, Subscriber
from tests.campaigns.subscribing import unique_ip

pytestmark = pytest.mark.django_db

LIMIT = 2
SIGNUP = "/api/v1/subscriptions"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.CAMPAIGNS_SIGNUP_RATE_LIMIT = LIMIT


def issued(**fields) -> str:
    key = ApiKey(name="Asperg.de", **fields)
    secret = key.issue()
    key.save()
    return secret


def sign_up(relay: Client, email: str, **headers):
    body = {"email": email, "channels": ["mint-update"], "consent": True}
    return relay.post(SIGNUP, body, content_type="application/json", headers=headers)


def test_a_relay_with_its_key_gets_the_limit_per_visitor(newsletter_channels):
    relay = Client(REMOTE_ADDR=unique_ip())
    key = {"Authorization": f"Bearer {issued()}"}
    first, second = unique_ip(), unique_ip()
    codes = [
        sign_up(relay, f"a{n}@example.org", **key, **{"Visitor-IP": first}).status_code for n in range(3)
    ]
    assert codes == [202, 202, 429]
    # Another visitor of the same relay has a limit of its own.
    assert sign_up(relay, "b@example.org", **key, **{"Visitor-IP": second}).status_code == 202
    assert SignupRequest.objects.get(email="b@example.org").ip_address == second


def test_without_a_key_the_visitor_header_is_ignored(newsletter_channels):
    relay = Client(REMOTE_ADDR=unique_ip())
    codes = [sign_up(relay, f"a{n}@example.org", **{"Visitor-IP": unique_ip()}).status_code for n in range(3)]
    assert codes == [202, 202, 429]
    assert set(SignupRequest.objects.values_list("ip_address", flat=True)) == {relay.defaults["REMOTE_ADDR"]}


def test_the_consent_log_names_the_visitor_a_keyed_relay_forwarded(newsletter_channels, inline_mail):
    visitor_address = "2001:db8::7"
    response = sign_up(
        Client(REMOTE_ADDR=unique_ip()),
        "lena@example.org",
        Authorization=f"Bearer {issued()}",
        **{"Visitor-IP": visitor_address},
    )
    assert response.status_code == 202
    assert ConsentEvent.objects.get(event="requested").ip_address == visitor_address


REFUSED = {
    "unknown key": ({}, "Bearer ltk_falsch", 401, "Der API-Schlüssel ist ungültig."),
    "deactivated key": ({"active": False}, None, 403, "Der API-Schlüssel ist deaktiviert."),
    "origin not allowed": (
        {"allowed_origins": "https://www.asperg.de"},
        None,
        403,
        "Der API-Schlüssel gilt nicht für diese Herkunft (Origin).",
    ),
}


@pytest.mark.parametrize(("fields", "authorization", "status", "detail"), REFUSED.values(), ids=REFUSED)
def test_a_wrong_key_is_refused_and_nothing_is_stored(
    newsletter_channels, fields, authorization, status, detail
):
    secret = issued(**fields)
    headers = {"Authorization": authorization or f"Bearer {secret}", "Visitor-IP": unique_ip()}
    response = sign_up(
        Client(REMOTE_ADDR=unique_ip()), "lena@example.org", Origin="https://evil.example", **headers
    )
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": {401: "Nicht angemeldet", 403: "Nicht erlaubt"}[status],
        "status": status,
        "detail": detail,
    }
    if status == 401:
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert not Subscriber.objects.exists() and not SignupRequest.objects.exists()


def test_a_key_for_an_origin_works_from_that_origin(newsletter_channels):
    secret = issued(allowed_origins="https://www.asperg.de\nhttps://asperg.de")
    relay = Client(REMOTE_ADDR=unique_ip())
    response = sign_up(
        relay, "lena@example.org", Authorization=f"Bearer {secret}", Origin="https://asperg.de"
    )
    assert response.status_code == 202


def test_a_visitor_address_that_is_none_is_refused(newsletter_channels):
    response = sign_up(
        Client(REMOTE_ADDR=unique_ip()),
        "lena@example.org",
        Authorization=f"Bearer {issued()}",
        **{"Visitor-IP": "127.0.0.1, 10.0.0.1"},
    )
    assert (response.status_code, response.json()["detail"]) == (400, "„Visitor-IP“ ist keine IP-Adresse.")
    assert not SignupRequest.objects.exists()


def test_the_key_is_stored_only_as_its_digest():
    secret = issued()
    stored = ApiKey.objects.get()
    assert secret.startswith("ltk_") and len(secret) > 40
    assert stored.prefix == secret[:12]
    assert secret not in {stored.digest, stored.name, stored.allowed_origins}
    assert ApiKey.objects.for_key(secret) == stored
    assert ApiKey.objects.for_key(secret[:-1]) is None


def test_the_openapi_document_offers_the_key_as_optional(visitor):
    document = visitor.get("/api/openapi.json").json()
    assert document["components"]["securitySchemes"]["RelayKey"]["scheme"] == "bearer"
    security = document["paths"][SIGNUP]["post"]["security"]
    assert {} in security and {"RelayKey": []} in security


def test_the_admin_shows_a_new_key_once(client, django_user_model, newsletter_channels):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    created = client.post(
        "/admin/snippets/campaigns/apikey/add/",
        {"name": "Asperg.de", "active": "on", "allowed_origins": ""},
    )
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]  # Wagtail's admin is never cached
    html = created.content.decode()
    assert "nur dieses eine Mal angezeigt" in html
    secret = re.search(r"<code data-api-key>([^<]+)</code>", html)[1]
    stored = ApiKey.objects.get(name="Asperg.de")
    assert stored.digest != secret and secret not in str(vars(stored))
    edit = client.get(f"/admin/snippets/campaigns/apikey/edit/{stored.pk}/").content.decode()
    assert (
        secret not in edit
        and stored.prefix in client.get("/admin/snippets/campaigns/apikey/").content.decode()
    )
    relay = Client(REMOTE_ADDR=unique_ip())
    assert sign_up(relay, "lena@example.org", Authorization=f"Bearer {secret}").status_code == 202


def test_the_admin_refuses_an_origin_that_is_none(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    response = client.post(
        "/admin/snippets/campaigns/apikey/add/",
        {"name": "Asperg.de", "active": "on", "allowed_origins": "www.asperg.de/pfad"},
    )
    assert "ist keine Herkunft wie https://www.asperg.de" in response.content.decode()
    assert not ApiKey.objects.exists()

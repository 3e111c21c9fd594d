"""One error shape under /api/ and on the JSON Feeds: RFC 9457 problem details for every status, in both
APIs, in German by default and in English on request; trailing-slash variants reach the same endpoint."""

import json
import uuid

import pytest
from django.test import Client

from campaigns.models import Channel, SignupRequest, Subscriber, Suppression
from campaigns.tokens import PREFERENCES, make_token
from tests.campaigns.subscribing import signup_data, unique_ip
from tests.factories import make_site

PROBLEM = "application/problem+json"
MEMBERS = {"type", "title", "status", "detail"}


def subscription(**changes) -> dict:
    """A sign-up as the API takes it."""
    return {**signup_data(), "consent": True, **changes}


def problem_of(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith(PROBLEM), response["Content-Type"]
    body = json.loads(response.content)
    assert set(body) >= MEMBERS and body["status"] == status and body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    assert response["Cache-Control"] == "private, no-store"
    return body


@pytest.fixture
def api(db) -> Client:
    make_site()
    Channel.objects.create(name="MINT-Update", slug="mint-update")
    return Client(REMOTE_ADDR=unique_ip(), raise_request_exception=False)


def test_400_names_the_parameter_in_errors_in_both_apis(api):
    body = problem_of(api.get("/api/v2/pages/?colour=blau"), 400)
    assert body["errors"] == {"colour": ["Unbekannter Parameter: colour."]}
    assert body["title"] == "Ungültige Anfrage"
    body = problem_of(
        api.post("/api/subscriptions", "{kein json", content_type="application/json"),
        400,
    )
    assert body["detail"] == "Der Inhalt der Anfrage ist kein gültiges JSON."


def test_404_of_an_object_an_unknown_path_and_a_feed(api):
    assert problem_of(api.get("/api/v2/pages/999999/"), 404)["detail"] == "Nicht gefunden."
    problem_of(api.get("/api/gibt-es-nicht/"), 404)
    problem_of(api.get("/api/v2/gibt-es-nicht/"), 404)
    problem_of(api.get("/feeds/gibt-es-nicht/json/"), 404)


def test_405_in_both_apis_keeps_allow(api):
    content = api.post("/api/v2/pages/", {})
    assert problem_of(content, 405)["title"] == "Methode nicht erlaubt"
    assert "GET" in content["Allow"]
    subscription = api.delete("/api/subscriptions/options")
    problem_of(subscription, 405)
    assert "GET" in subscription["Allow"]


def test_415_and_406_of_the_content_api(api):
    problem_of(api.get("/api/v2/pages/", headers={"accept": "application/xml"}), 406)


@pytest.mark.parametrize(
    "media_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_415_for_a_body_that_is_not_declared_json(api, media_type):
    """Browsers send these types across origins without a preflight; JSON labelled so is refused too."""
    response = api.post("/api/v1/subscriptions", json.dumps(subscription()), content_type=media_type)
    body = problem_of(response, 415)
    assert body["detail"] == "Bitte senden Sie den Inhalt als JSON (Content-Type: application/json)."
    assert response["Accept-Post"] == "application/json"
    assert not Subscriber.objects.exists() and not SignupRequest.objects.exists()
    accepted = api.post(
        "/api/v1/subscriptions", json.dumps(subscription()), content_type="application/json; charset=utf-8"
    )
    assert accepted.status_code == 202


def test_415_of_a_change_of_preferences(api):
    lena = Subscriber.objects.create(email="lena@example.org", name="Lena")
    url = f"/api/v1/subscriptions/preferences/{make_token(lena, PREFERENCES)}"
    response = api.patch(url, "name=Mara", content_type="application/x-www-form-urlencoded")
    problem_of(response, 415)
    assert response["Accept-Patch"] == "application/json"
    lena.refresh_from_db()
    assert lena.name == "Lena"


def test_409_when_a_suppressed_address_asks_for_a_newsletter(api):
    """The address is on the suppression list (bounced, complained): a new channel cannot start, and the
    request changes nothing; changes that start nothing still go through."""
    lena = Subscriber.objects.create(email="lena@example.org", name="Lena")
    Suppression.suppress("lena@example.org", Suppression.Reason.COMPLAINT)
    url = f"/api/v1/subscriptions/preferences/{make_token(lena, PREFERENCES)}"
    wanted = {"channels": ["mint-update"], "consent": True, "name": "Lena M."}
    body = problem_of(api.patch(url, wanted, content_type="application/json"), 409)
    assert body["title"] == "Konflikt"
    assert body["detail"].startswith("An diese Adresse dürfen keine Newsletter mehr gehen")
    lena.refresh_from_db()
    assert (lena.name, lena.subscriptions.count(), lena.consent_events.count()) == ("Lena", 0, 0)
    renamed = api.patch(url, {"name": "Lena M."}, content_type="application/json")
    assert (renamed.status_code, renamed.json()["name"]) == (200, "Lena M.")


def test_422_lists_messages_per_field(api):
    response = api.post("/api/subscriptions", subscription(email="kaputt"), content_type="application/json")
    body = problem_of(response, 422)
    assert body["detail"] == "Die Angaben sind unvollständig oder ungültig."
    assert set(body["errors"]) >= {"email"}


def test_429_keeps_retry_after(api, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    settings.CAMPAIGNS_SIGNUP_RATE_LIMIT = 1
    for _attempt in range(2):
        response = api.post("/api/subscriptions", subscription(), content_type="application/json")
    assert problem_of(response, 429)["detail"].startswith("Zu viele Anmeldungen")
    assert int(response["Retry-After"]) > 0


def test_500_is_a_problem_too(api, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr("campaigns.api.subscriptions.ConsentText.objects.current", broken)
    body = problem_of(api.get("/api/subscriptions/options"), 500)
    assert "kaputt" not in json.dumps(body)
    monkeypatch.setattr("page_types.api.endpoints.ContentEndpoint.listing_view", broken)
    problem_of(api.get("/api/v2/pages/"), 500)


def test_the_json_feed_answers_a_bad_filter_as_a_problem(api):
    body = problem_of(api.get("/feeds/mint-update/json/?municipality=gibt-es-nicht"), 400)
    assert list(body["errors"]) == ["municipality"]


def test_english_on_request_german_by_default(api):
    english = problem_of(api.get("/api/v2/pages/?colour=blau", headers={"accept-language": "en"}), 400)
    assert english["title"] == "Bad Request"
    assert english["detail"] == "Unknown parameter: colour."
    german = problem_of(api.get("/api/v2/pages/?colour=blau", headers={"accept-language": "fr"}), 400)
    assert german["title"] == "Ungültige Anfrage"
    response = api.post(
        "/api/subscriptions",
        {"email": "kaputt"},
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert problem_of(response, 422)["detail"] != "Die Angaben sind unvollständig oder ungültig."
    assert response["Content-Language"] == "en" and "Accept-Language" in response["Vary"]


def test_trailing_slash_variants_reach_the_same_endpoint(api):
    assert api.get("/api/subscriptions/options").status_code == 200
    redirect = api.get("/api/subscriptions/options/?x=1")
    assert (redirect.status_code, redirect["Location"]) == (308, "/api/subscriptions/options?x=1")
    posted = api.post("/api/subscriptions/", subscription(), content_type="application/json")
    assert (posted.status_code, posted["Location"]) == (308, "/api/subscriptions")
    assert api.get("/api/v2/pages").status_code in (301, 308)


def test_a_relays_post_with_a_trailing_slash_is_redirected_before_any_csrf_check(db):
    """A server relay posts without cookie or token; Wagtail's page serving would refuse that with a 403."""
    make_site()
    relay = Client(REMOTE_ADDR=unique_ip(), enforce_csrf_checks=True)
    for path in ("/api/v1/subscriptions/", "/api/subscriptions/"):
        posted = relay.post(path, subscription(), content_type="application/json")
        assert (posted.status_code, posted["Location"]) == (308, path.rstrip("/"))
    assert relay.post("/ueber-uns/", {}).status_code == 403  # a page's own CSRF check stays

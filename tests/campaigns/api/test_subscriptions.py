"""The JSON subscription API: 202 for any valid sign-up, 422 with German field errors, tokens after that."""

import pytest
from django.core import signing
from django.utils import timezone

from campaigns.models import ConsentEvent, Subscriber, Subscription, Suppression
from campaigns.tokens import CONFIRM, PREFERENCES, UNSUBSCRIBE, make_token
from tests.campaigns.subscribing import link_in, run_queued_tasks

pytestmark = pytest.mark.django_db

Status = Subscription.Status


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def payload(email="lena@example.org", **overrides) -> dict:
    data = {"email": email, "channels": ["mint-update"], "consent": True}
    data.update(overrides)
    return data


def test_signup_is_accepted_and_the_confirmation_mail_arrives(
    smtp_sink, inline_mail, visitor, newsletter_channels, django_capture_on_commit_callbacks
):
    data = payload(
        name="Lena",
        role="teacher",
        municipality="asperg",
        grade_bands=["klasse-8-10"],
        interests=["ausbildung-beruf"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(visitor, "/api/v1/subscriptions", data)
    assert response.status_code == 202
    assert "Bestätigungslink" in response.json()["detail"]
    subscriber = Subscriber.objects.get()
    assert (subscriber.role, subscriber.municipality.slug) == ("teacher", "asperg")
    assert subscriber.consent_events.get().source == "api"
    [received] = smtp_sink.handler.to("lena@example.org")
    token = link_in(received.message.get_content(), "confirm").split("/")[3]

    confirmed = visitor.post(f"/api/v1/subscriptions/confirm/{token}")
    assert confirmed.status_code == 200
    assert confirmed.json()["channels"] == [
        {"slug": "mint-update", "name": "MINT-Update", "status": "active"}
    ]
    assert list(subscriber.consent_events.values_list("event", flat=True)) == ["requested", "confirmed"]


def test_every_kind_of_address_gets_the_same_202(visitor, newsletter_channels):
    active = Subscriber.objects.create(email="aktiv@example.org")
    Subscription.objects.create(subscriber=active, channel=newsletter_channels["mint"], status=Status.ACTIVE)
    Suppression.suppress("gesperrt@example.org", Suppression.Reason.HARD_BOUNCE)
    post(visitor, "/api/v1/subscriptions", payload("wartend@example.org"))
    answers = {
        address: post(visitor, "/api/v1/subscriptions", payload(address))
        for address in ("neu@example.org", "wartend@example.org", "aktiv@example.org", "gesperrt@example.org")
    }
    assert {(r.status_code, r.content) for r in answers.values()} == {
        (202, answers["neu@example.org"].content)
    }
    assert not Subscriber.objects.filter(email="gesperrt@example.org").exists()


INVALID = {
    "missing address": ({"email": None}, "email", "Dieses Feld ist erforderlich."),
    "malformed address": ({"email": "lena"}, "email", "Bitte geben Sie eine gültige E-Mail-Adresse an."),
    "header injection": ({"email": "a@example.org\nBcc: b@example.org"}, "email", "Zeilenumbrüche"),
    "consent false": ({"consent": False}, "consent", "Bitte bestätigen Sie die Einwilligung"),
    "consent as text": ({"consent": "yes"}, "consent", "Bitte geben Sie true oder false an."),
    "channels not a list": ({"channels": "mint-update"}, "channels", "Bitte geben Sie eine Liste an."),
    "no channel": ({"channels": []}, "channels", "mindestens einen Newsletter"),
    "unknown channel": (
        {"channels": ["mint-update", "geheim"]},
        "channels",
        "Unbekannter Newsletter: „geheim“",
    ),
    "non-public channel": ({"channels": ["intern"]}, "channels", "Unbekannter Newsletter: „intern“"),
    "unknown facet value": ({"subjects": ["alchemie"]}, "subjects", "Unbekanntes MINT-Fach: „alchemie“"),
    "unknown field": ({"hobby": "Segeln"}, "hobby", "Dieses Feld ist unbekannt."),
    "over-long name": ({"name": "x" * 500}, "name", "höchstens 120 Zeichen"),
    "number as name": ({"name": 42}, "name", "Bitte geben Sie einen Text an."),
}


@pytest.mark.parametrize("changes,field,message", INVALID.values(), ids=INVALID.keys())
def test_invalid_signup_gets_422_with_german_field_errors_and_changes_nothing(
    visitor, newsletter_channels, inline_mail, mailoutbox, changes, field, message
):
    data = {key: value for key, value in payload(**changes).items() if value is not None}
    response = post(visitor, "/api/v1/subscriptions", data)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Die Angaben sind unvollständig oder ungültig."
    assert any(message in text for text in body["errors"][field]), body
    assert not Subscriber.objects.exists() and not ConsentEvent.objects.exists() and mailoutbox == []


@pytest.mark.parametrize("body", ["{nicht json", "[]", '"text"', ""])
def test_unreadable_body_gets_a_german_4xx(visitor, newsletter_channels, body):
    response = visitor.post("/api/v1/subscriptions", body, content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json()["detail"].startswith(("Der Inhalt", "Die Angaben"))


def active(email="lena@example.org", *channels) -> Subscriber:
    subscriber = Subscriber.objects.create(email=email)
    for channel in channels:
        Subscription.objects.create(subscriber=subscriber, channel=channel, status=Status.ACTIVE)
    return subscriber


def test_preferences_are_read_and_changed_by_token(visitor, newsletter_channels):
    subscriber = active("lena@example.org", newsletter_channels["mint"])
    url = f"/api/v1/subscriptions/preferences/{make_token(subscriber, PREFERENCES)}"
    read = visitor.get(url)
    assert read.status_code == 200
    assert read.json()["email"] == "lena@example.org"

    changed = visitor.patch(
        url, {"municipality": "besigheim", "subjects": ["technik"]}, content_type="application/json"
    )
    assert changed.status_code == 200
    assert (changed.json()["municipality"], changed.json()["subjects"]) == ("besigheim", ["technik"])
    assert [c["status"] for c in changed.json()["channels"]] == ["active"], (
        "channels left out stay as they are"
    )


def test_adding_a_channel_by_api_needs_consent(visitor, newsletter_channels):
    subscriber = active("lena@example.org", newsletter_channels["mint"])
    url = f"/api/v1/subscriptions/preferences/{make_token(subscriber, PREFERENCES)}"
    both = {"channels": ["mint-update", "wirtschaft-im-landkreis"]}
    refused = visitor.patch(url, both, content_type="application/json")
    assert refused.status_code == 422
    assert "consent" in refused.json()["errors"]
    accepted = visitor.patch(url, {**both, "consent": True}, content_type="application/json")
    assert accepted.status_code == 200
    assert {c["slug"]: c["status"] for c in accepted.json()["channels"]} == {
        "mint-update": "active",
        "wirtschaft-im-landkreis": "active",
    }
    event = subscriber.consent_events.get(event=ConsentEvent.Event.CONFIRMED)
    assert (event.source, event.consent_text.version) == ("api", "2025-01")


def test_unsubscribe_by_token_one_channel_or_all(visitor, newsletter_channels):
    subscriber = active("lena@example.org", newsletter_channels["mint"], newsletter_channels["wirtschaft"])
    url = f"/api/v1/subscriptions/unsubscribe/{make_token(subscriber, UNSUBSCRIBE)}"
    one = post(visitor, url, {"channel": "mint-update"})
    assert {c["slug"]: c["status"] for c in one.json()["channels"]} == {
        "mint-update": "unsubscribed",
        "wirtschaft-im-landkreis": "active",
    }
    assert post(visitor, url, {"channel": "gibt-es-nicht"}).status_code == 422
    everything = visitor.post(url, content_type="application/json")
    assert everything.status_code == 200
    assert {c["status"] for c in everything.json()["channels"]} == {"unsubscribed"}


def test_tokens_for_another_purpose_or_tampered_are_400(visitor, newsletter_channels):
    subscriber = active("lena@example.org", newsletter_channels["mint"])
    for url in (
        f"/api/v1/subscriptions/preferences/{make_token(subscriber, UNSUBSCRIBE)}",
        f"/api/v1/subscriptions/unsubscribe/{make_token(subscriber, PREFERENCES)}x",
        f"/api/v1/subscriptions/confirm/{'a' * 2000}",
    ):
        response = (
            visitor.get(url) if "preferences" in url else visitor.post(url, content_type="application/json")
        )
        assert response.status_code == 400
        assert response.json()["detail"] == "Der Link ist ungültig oder unvollständig."
    assert subscriber.subscriptions.get().status == Status.ACTIVE


def test_expired_confirmation_token_is_410(visitor, newsletter_channels, monkeypatch):
    post(visitor, "/api/v1/subscriptions", payload())
    run_queued_tasks()
    subscriber = Subscriber.objects.get()
    request = subscriber.signup_requests.get()
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: timezone.now().timestamp() - 8 * 86400)
        token = make_token(subscriber, CONFIRM, request.pk)
    response = visitor.post(f"/api/v1/subscriptions/confirm/{token}")
    assert response.status_code == 410
    assert subscriber.subscriptions.get().status == Status.PENDING


def test_options_describe_what_a_front_end_needs(visitor, newsletter_channels):
    options = visitor.get("/api/v1/subscriptions/options").json()
    assert [c["slug"] for c in options["channels"]] == ["mint-update", "wirtschaft-im-landkreis"]
    assert len(options["municipalities"]) == 39
    assert options["consent_text"]["version"] == "2025-01"
    # Roles and languages in the one vocabulary shape, with the deprecated names of the first one beside it.
    teacher = {"slug": "teacher", "name": "Lehrkraft", "value": "teacher", "label": "Lehrkraft"}
    assert teacher in options["roles"]
    assert {"slug": "en", "name": "Englisch", "value": "en", "label": "Englisch"} in options["languages"]


def test_openapi_schema_and_docs_without_cdn(visitor):
    schema = visitor.get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {
        "/api/v1/subscriptions",
        "/api/v1/subscriptions/confirm/{token}",
        "/api/v1/subscriptions/preferences/{token}",
        "/api/v1/subscriptions/unsubscribe/{token}",
    } <= set(paths)
    assert set(paths["/api/v1/subscriptions"]["post"]["responses"]) >= {"202", "422", "429"}
    docs = visitor.get("/api/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()


def test_cors_allows_only_configured_origins(visitor, newsletter_channels, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://portal.landkreis-ludwigsburg.de"]
    allowed = visitor.options(
        "/api/v1/subscriptions",
        HTTP_ORIGIN="https://portal.landkreis-ludwigsburg.de",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert allowed["Access-Control-Allow-Origin"] == "https://portal.landkreis-ludwigsburg.de"
    other = visitor.options(
        "/api/v1/subscriptions", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in other

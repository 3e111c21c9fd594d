"""The stored proof of consent names exactly the channels the reader chose, and the proof view shows it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import ConsentEvent, ConsentText, SignupRequest, Subscriber
from campaigns.models.consent import CHANNELS_PLACEHOLDER
from campaigns.subscriptions.signup import confirm, register
from tests.campaigns.subscribing import run_queued_tasks, signup_data

TEXT = f"Ich möchte diese Newsletter erhalten: {CHANNELS_PLACEHOLDER}. Widerruf jederzeit."


@pytest.fixture
def placeholder_text(db) -> ConsentText:
    return ConsentText.objects.create(version="2026-12", text=TEXT, is_current=True)


def sign_up(visitor, channels: list[str], version: str = "2026-12") -> Subscriber:
    response = visitor.post("/newsletter/", signup_data(channels=channels, consent_version=version))
    assert response.status_code == 303
    run_queued_tasks()
    return Subscriber.objects.get(email="lena@example.org")


def test_the_form_shows_the_text_without_the_placeholder(visitor, newsletter_channels, placeholder_text):
    page = visitor.get("/newsletter/").content.decode()
    assert "Ich möchte diese Newsletter erhalten: die oben ausgewählten Newsletter." in page
    assert CHANNELS_PLACEHOLDER not in page


def test_a_one_channel_sign_up_stores_a_text_naming_only_that_channel(
    visitor, newsletter_channels, placeholder_text
):
    subscriber = sign_up(visitor, ["mint-update"])
    [requested] = subscriber.consent_events.filter(event=ConsentEvent.Event.REQUESTED)
    assert requested.wording == "Ich möchte diese Newsletter erhalten: „MINT-Update“. Widerruf jederzeit."
    assert "Wirtschaft im Landkreis" not in requested.wording
    request = subscriber.signup_requests.get()
    confirm(subscriber, request.pk, source="form", ip_address="192.0.2.1")
    [confirmed] = subscriber.consent_events.filter(event=ConsentEvent.Event.CONFIRMED)
    assert confirmed.wording == requested.wording


def test_a_two_channel_sign_up_names_both(visitor, newsletter_channels, placeholder_text):
    subscriber = sign_up(visitor, ["mint-update", "wirtschaft-im-landkreis"])
    wordings = set(subscriber.consent_events.values_list("wording", flat=True))
    both = "„MINT-Update“ und „Wirtschaft im Landkreis“"
    assert wordings == {f"Ich möchte diese Newsletter erhalten: {both}. Widerruf jederzeit."}


def test_a_text_without_placeholder_gets_the_chosen_channels_appended(visitor, newsletter_channels):
    subscriber = sign_up(visitor, ["wirtschaft-im-landkreis"], version="2025-01")
    [requested] = subscriber.consent_events.filter(event=ConsentEvent.Event.REQUESTED)
    assert requested.wording.startswith(ConsentText.objects.get(version="2025-01").text)
    assert requested.wording.endswith("\nGewählt: „Wirtschaft im Landkreis“")


def test_the_proof_of_consent_shows_the_wording(
    client, visitor, newsletter_channels, placeholder_text, manager
):
    subscriber = sign_up(visitor, ["mint-update"])
    url = reverse("wagtailsnippets_campaigns_subscriber:proof", args=[subscriber.pk])
    page = client.get(url).content.decode()
    assert "Ich möchte diese Newsletter erhalten: „MINT-Update“. Widerruf jederzeit." in page


def test_the_worker_reads_the_channels_names_once_however_many_are_chosen(
    visitor, newsletter_channels, placeholder_text
):
    response = visitor.post(
        "/newsletter/",
        signup_data(channels=["mint-update", "wirtschaft-im-landkreis"], consent_version="2026-12"),
    )
    assert response.status_code == 303
    with CaptureQueriesContext(connection) as queries:
        register(SignupRequest.objects.get().pk)
    texts = [query["sql"] for query in queries if "campaigns_channeltext" in query["sql"]]
    assert len(texts) == 1, texts

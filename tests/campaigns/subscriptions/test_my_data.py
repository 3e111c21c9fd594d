""" "Meine Daten" in the preference centre: the reader sees and downloads everything stored about them (the
admin's own export) and nobody else's, and erases it all only through a link mailed to the address — no GET,
no preference link alone, no expired or used link deletes anything."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse

from campaigns.models import ConsentEvent, Subscriber, Subscription, Suppression
from campaigns.tokens import ERASE, PREFERENCES, make_token
from page_types.models import Municipality
from tests.campaigns.subscribing import link_in
from tests.clock import Clock
from tests.page_types.markup import soup

pytestmark = pytest.mark.django_db
Status = Subscription.Status


@pytest.fixture
def lena(newsletter_channels) -> Subscriber:
    """A reader with facets and a channel; and another person whose data she must never see."""
    municipality = Municipality.objects.create(name="Asperg", slug="asperg-test")
    subscriber = Subscriber.objects.create(
        email="lena@example.org", name="Lena Lesend", municipality=municipality
    )
    Subscription.objects.create(
        subscriber=subscriber, channel=newsletter_channels["mint"], status=Status.ACTIVE
    )
    other = Subscriber.objects.create(email="otto@example.org", name="Otto Anders")
    Subscription.objects.create(
        subscriber=other, channel=newsletter_channels["wirtschaft"], status=Status.ACTIVE
    )
    return subscriber


def url(name: str, token: str) -> str:
    return reverse(f"newsletter:{name}", kwargs={"token": token})


def untouched(subscriber: Subscriber) -> bool:
    """The subscriber and her subscription are stored as before, and nothing was erased."""
    return (
        Subscriber.objects.filter(pk=subscriber.pk, name="Lena Lesend").exists()
        and subscriber.subscriptions.get().status == Status.ACTIVE
        and not ConsentEvent.objects.filter(event=ConsentEvent.Event.ERASED).exists()
    )


def test_the_preference_centre_leads_to_my_data(visitor, lena):
    token = make_token(lena, PREFERENCES)
    section = soup(visitor.get(url("preferences", token))).find(id="meine-daten")
    links = {a.get_text(strip=True): a["href"] for a in section.find_all("a")}
    assert links == {
        "Meine gespeicherten Daten ansehen": url("my_data", token),
        "Als JSON-Datei herunterladen": url("my_data_json", token),
    }
    assert section.find("form", attrs={"method": "post", "action": url("erase_request", token)})


def test_the_page_and_the_download_hold_the_readers_data_and_nobody_elses(visitor, lena):
    token = make_token(lena, PREFERENCES)
    page = visitor.get(url("my_data", token))
    assert page.status_code == 200
    text = soup(page).get_text(" ", strip=True)
    for shown in ("lena@example.org", "Lena Lesend", "asperg-test", "mint-update", "Aktiv"):
        assert shown in text
    download = visitor.get(url("my_data_json", token))
    assert download["Content-Disposition"] == 'attachment; filename="meine-daten.json"'
    data = download.json()
    assert data["subscriber"]["email"] == "lena@example.org"
    assert [row["channel"] for row in data["subscriptions"]] == ["mint-update"]
    for response in (page, download):
        body = response.content.decode()
        assert "otto@example.org" not in body and "Otto Anders" not in body
        assert "wirtschaft-im-landkreis" not in body


def test_my_data_needs_a_valid_preference_link(visitor, lena):
    for name in ("my_data", "my_data_json", "erase_request"):
        page = visitor.get(url(name, "kaputt"))
        assert page.status_code == 400 and "Dieser Link ist ungültig" in page.content.decode()
        # An erase link is not a preference link.
        assert visitor.get(url(name, make_token(lena, ERASE))).status_code == 400


def test_erasing_asks_first_and_needs_the_mailed_link(
    visitor, lena, smtp_sink, inline_mail, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    preferences = make_token(lena, PREFERENCES)
    with capture(execute=True):
        asked = visitor.post(url("erase_request", preferences))
        assert "Ja, Link zum Löschen per E-Mail senden" in asked.content.decode()
        assert visitor.get(url("erase_request", preferences)).status_code == 200
        # The preference link cannot erase: neither the erase page nor the preference centre takes it.
        assert visitor.post(url("erase", preferences)).status_code == 400
        assert visitor.post(url("erase", "kaputt")).status_code == 400
    assert smtp_sink.messages == [] and untouched(lena)

    with capture(execute=True):
        sent = visitor.post(url("erase_request", preferences), {"confirmed": "1"})
    assert "Bitte sehen Sie in Ihr Postfach" in sent.content.decode()
    [mail] = smtp_sink.handler.to("lena@example.org")
    assert mail.message["Subject"] == "Bitte bestätigen Sie: alle Ihre Daten löschen"
    assert untouched(lena), "sending the link deletes nothing"
    link = link_in(mail.message.get_content(), "erase")
    shown = visitor.get(link)
    assert "Ja, jetzt endgültig löschen" in shown.content.decode() and untouched(lena), (
        "a GET deletes nothing"
    )

    done = visitor.post(link)
    assert done.status_code == 200
    text = soup(done).get_text(" ", strip=True)
    assert "Wir haben alle Daten zu lena@example.org gelöscht" in text
    assert "Gelöscht wurde:" in text and "Was bleibt, und warum:" in text and "Sperrliste" in text
    assert not Subscriber.objects.filter(email="lena@example.org").exists()
    assert Suppression.objects.is_suppressed("lena@example.org")
    assert Subscriber.objects.filter(email="otto@example.org").exists()

    # A second click on the same link finds nobody and erases nothing more.
    again = visitor.post(link)
    assert again.status_code == 410 and "Dieser Link gilt nicht mehr" in again.content.decode()
    assert ConsentEvent.objects.filter(event=ConsentEvent.Event.ERASED).count() == 1


def test_a_second_erase_mail_waits_for_the_cool_down(
    visitor, lena, smtp_sink, inline_mail, django_capture_on_commit_callbacks
):
    preferences = make_token(lena, PREFERENCES)
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            answer = visitor.post(url("erase_request", preferences), {"confirmed": "1"})
    assert "gerade erst eine E-Mail geschickt" in answer.content.decode()
    assert len(smtp_sink.handler.to("lena@example.org")) == 1


def test_an_expired_erase_link_deletes_nothing(visitor, lena, monkeypatch, settings):
    settings.CAMPAIGNS_PREFERENCE_LINK_DAYS = 30
    clock = Clock()
    monkeypatch.setattr(signing.time, "time", lambda: clock().timestamp())
    link = url("erase", make_token(lena, ERASE))
    clock.advance(timedelta(days=29).total_seconds())
    assert visitor.get(link).status_code == 200, "still valid within the preference link's lifetime"
    clock.advance(timedelta(days=2).total_seconds())
    for response in (visitor.get(link), visitor.post(link)):
        assert response.status_code == 410
        assert "Es wurde nichts gelöscht" in response.content.decode()
    assert untouched(lena)

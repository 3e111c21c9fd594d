"""Links that end: a preference link works for 30 days and then offers a fresh one by mail, an unsubscribe
link for at least 60 days; leaving every channel ends every older link; a channel once left returns only
through a confirmation mail. The attacks of the security review — reading address and facets, bringing
back channels and granting measurement with a forwarded newsletter's links — get nothing."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.models import ConsentEvent, Subscriber, Subscription
from campaigns.tokens import PREFERENCES, UNSUBSCRIBE, make_token, make_tracking_token, read_tracking_token
from tests.campaigns.subscribing import confirm_token, link_in

pytestmark = pytest.mark.django_db
Status = Subscription.Status
ONE_CLICK = "List-Unsubscribe=One-Click"


@pytest.fixture
def lena(newsletter_channels) -> Subscriber:
    subscriber = Subscriber.objects.create(email="lena@example.org", name="Lena")
    for key in ("mint", "wirtschaft"):
        Subscription.objects.create(
            subscriber=subscriber, channel=newsletter_channels[key], status=Status.ACTIVE
        )
    return subscriber


def token_from(subscriber: Subscriber, purpose: str, days_ago: float, monkeypatch) -> str:
    """A token as a mail sent ``days_ago`` days ago carried it."""
    then = timezone.now().timestamp() - days_ago * 86400
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: then)
        return make_token(subscriber, purpose)


def path(purpose: str, token: str) -> str:
    return reverse(f"newsletter:{purpose}", kwargs={"token": token})


def statuses(subscriber: Subscriber) -> dict[str, str]:
    return dict(subscriber.subscriptions.values_list("channel__slug", "status"))


def test_a_preference_link_works_for_30_days(visitor, lena, monkeypatch):
    assert visitor.get(path(PREFERENCES, token_from(lena, PREFERENCES, 29, monkeypatch))).status_code == 200
    old = token_from(lena, PREFERENCES, 31, monkeypatch)
    page = visitor.get(path(PREFERENCES, old))
    assert page.status_code == 410
    html = page.content.decode()
    assert "lena@example.org" not in html and "Neuen Link per E-Mail senden" in html
    api = visitor.get(f"/api/subscriptions/preferences/{old}")
    assert api.status_code == 410 and "lena" not in api.content.decode()
    changed = visitor.post(
        path(PREFERENCES, old), {"channels": [], "tracking_consent": "on", "language": "de"}
    )
    assert changed.status_code == 410
    lena.refresh_from_db()
    assert not lena.tracking_consent and set(statuses(lena).values()) == {Status.ACTIVE}


def test_an_expired_link_sends_a_fresh_one_to_the_subscribers_own_address(
    visitor, lena, monkeypatch, smtp_sink, inline_mail, django_capture_on_commit_callbacks
):
    old = token_from(lena, PREFERENCES, 45, monkeypatch)
    renew = reverse("newsletter:renew", kwargs={"token": old})
    with django_capture_on_commit_callbacks(execute=True):
        done = visitor.post(renew)
    assert done.status_code == 200 and "Postfach" in done.content.decode()
    [received] = smtp_sink.messages
    assert received.rcpt_tos == ["lena@example.org"]
    fresh = link_in(received.message.get_content(), "preferences")
    assert visitor.get(fresh).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        assert visitor.post(renew).status_code == 200
    assert len(smtp_sink.messages) == 1, "at most one such mail per cool-down"


def test_an_unsubscribe_link_works_for_at_least_60_days(lena, monkeypatch, settings):
    settings.CAMPAIGNS_UNSUBSCRIBE_LINK_DAYS = 10  # below the floor: 60 days still hold
    provider = Client(enforce_csrf_checks=True)
    token = token_from(lena, UNSUBSCRIBE, 59, monkeypatch)
    response = provider.post(
        f"{path(UNSUBSCRIBE, token)}?channel=mint-update",
        ONE_CLICK,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert statuses(lena)["mint-update"] == Status.UNSUBSCRIBED

    settings.CAMPAIGNS_UNSUBSCRIBE_LINK_DAYS = 365
    expired = token_from(lena, UNSUBSCRIBE, 366, monkeypatch)
    page = Client().get(path(UNSUBSCRIBE, expired))
    assert page.status_code == 410 and "Neuen Link per E-Mail senden" in page.content.decode()


def test_leaving_every_channel_ends_every_older_link(visitor, lena):
    preferences = make_token(lena, PREFERENCES)
    unsubscribe = make_token(lena, UNSUBSCRIBE)
    assert visitor.post(path(UNSUBSCRIBE, unsubscribe), {"scope": "all"}).status_code == 200

    for purpose, token in ((PREFERENCES, preferences), (UNSUBSCRIBE, unsubscribe)):
        page = visitor.get(path(purpose, token))
        assert page.status_code == 410 and "Dieser Link gilt nicht mehr" in page.content.decode()
    assert visitor.get(f"/api/subscriptions/preferences/{preferences}").status_code == 410
    back = visitor.post(
        path(PREFERENCES, preferences),
        {"channels": ["mint-update"], "consent": "on", "consent_version": "2025-01", "language": "de"},
    )
    assert back.status_code == 410
    assert set(statuses(lena).values()) == {Status.UNSUBSCRIBED}


def test_a_left_channel_returns_only_through_a_confirmation_mail(
    visitor, lena, smtp_sink, inline_mail, django_capture_on_commit_callbacks
):
    token = make_token(lena, PREFERENCES)
    Subscription.objects.filter(subscriber=lena, channel__slug="mint-update").update(
        status=Status.UNSUBSCRIBED
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = visitor.post(
            path(PREFERENCES, token),
            {
                "channels": ["mint-update", "wirtschaft-im-landkreis"],
                "consent": "on",
                "consent_version": "2025-01",
                "language": "de",
            },
        )
    assert page.status_code == 200 and "bestätigen Sie bitte den Link" in page.content.decode()
    assert statuses(lena)["mint-update"] == Status.UNSUBSCRIBED
    [received] = smtp_sink.handler.to("lena@example.org")
    visitor.post(link_in(received.message.get_content(), "confirm"))
    assert statuses(lena)["mint-update"] == Status.ACTIVE


def test_a_forwarded_unsubscribe_link_reveals_nothing_about_the_reader(visitor, lena):
    response = visitor.post(
        f"/api/subscriptions/unsubscribe/{make_token(lena, UNSUBSCRIBE)}",
        {"channel": "mint-update"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"detail", "channels"}
    assert "lena" not in response.content.decode()


def test_a_confirmation_link_of_a_request_ended_by_leaving_confirms_nothing(
    visitor, newsletter_channels, inline_mail
):
    visitor.post(
        "/newsletter/",
        {
            "email": "max@example.org",
            "channels": ["mint-update"],
            "consent": "on",
            "consent_version": "2025-01",
        },
    )
    max_ = Subscriber.objects.get(email="max@example.org")
    confirm = path("confirm", confirm_token(max_))
    visitor.post(path(UNSUBSCRIBE, make_token(max_, UNSUBSCRIBE)), {"scope": "all"})
    response = visitor.post(confirm)
    assert response.status_code in (200, 410)
    assert set(statuses(max_).values()) == {Status.UNSUBSCRIBED}
    assert not ConsentEvent.objects.filter(event=ConsentEvent.Event.CONFIRMED).exists()


def test_measured_links_in_old_mails_still_lead_to_their_page_after_leaving(lena):
    """A measured link changes nothing about the person, so leaving does not break old mails' links."""
    token = make_tracking_token(lena, 7)
    lena.subscriptions.update(status=Status.UNSUBSCRIBED)
    lena.token_key = "neu"
    lena.save()
    assert read_tracking_token(token) == (lena, 7)

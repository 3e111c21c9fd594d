"""The double opt-in flow end to end over a real SMTP server: sign up, mail, confirm, preferences, leave."""

import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.models import OrmQ

from campaigns.models import ConsentEvent, SignupRequest, Subscriber, Subscription, Suppression
from campaigns.tokens import CONFIRM, PREFERENCES, UNSUBSCRIBE, make_token
from page_types.models import GradeBand, Municipality
from tests.campaigns.subscribing import confirm_token, link_in, run_queued_tasks, signup_data

pytestmark = pytest.mark.django_db

Status = Subscription.Status


def statuses(subscriber: Subscriber) -> dict[str, str]:
    return dict(subscriber.subscriptions.values_list("channel__slug", "status"))


def test_signup_form_offers_public_channels_unticked_with_versioned_consent_text(
    visitor, newsletter_channels
):
    response = visitor.get("/newsletter/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="mint-update"' in html and 'value="wirtschaft-im-landkreis"' in html
    assert 'value="intern"' not in html
    assert "checked" not in html.split('name="channels"', 1)[1].split("</fieldset>", 1)[0]
    assert "Fassung 2025-01" in html
    assert 'name="consent_version" value="2025-01"' in html


def test_confirmation_mail_arrives_and_its_link_confirms(
    smtp_sink, inline_mail, visitor, newsletter_channels, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post("/newsletter/", signup_data("lena@example.org", grade_bands=["klasse-5-7"]))
    assert response.status_code == 303
    assert response["Location"] == reverse("newsletter:thanks")

    [received] = smtp_sink.handler.to("lena@example.org")
    message = received.message
    assert "bestätigen" in message["Subject"]
    assert message.get_content_type() == "text/plain"
    body = message.get_content()
    assert "MINT-Update" in body
    confirm_path = link_in(body, "confirm")
    assert body.count("http") == 1  # the confirmation link and nothing else: no advertising, no tracking

    subscriber = Subscriber.objects.get(email="lena@example.org")
    assert statuses(subscriber) == {"mint-update": Status.PENDING}
    assert list(subscriber.grade_bands.values_list("slug", flat=True)) == ["klasse-5-7"]

    page = visitor.get(confirm_path)
    assert page.status_code == 200
    assert "Ja, Anmeldung bestätigen" in page.content.decode()
    assert statuses(subscriber) == {"mint-update": Status.PENDING}, "a GET must not confirm"

    done = visitor.post(confirm_path)
    assert done.status_code == 200
    assert "Vielen Dank für Ihre Bestätigung" in done.content.decode()
    assert statuses(subscriber) == {"mint-update": Status.ACTIVE}
    events = list(
        subscriber.consent_events.values_list("event", "source", "consent_text__version", "ip_address")
    )
    ip = visitor.defaults["REMOTE_ADDR"]
    assert events == [
        (ConsentEvent.Event.REQUESTED, "form", "2025-01", ip),
        (ConsentEvent.Event.CONFIRMED, "form", "2025-01", ip),
    ]


def test_confirmation_mail_contains_nothing_the_signup_typed(
    smtp_sink, inline_mail, visitor, newsletter_channels, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/newsletter/", signup_data("max@example.org", name="Kaufen Sie jetzt bei spam.example"))
    [received] = smtp_sink.handler.to("max@example.org")
    assert "spam.example" not in received.message.get_content()


def test_confirming_twice_is_harmless(visitor, newsletter_channels, inline_mail):
    visitor.post("/newsletter/", signup_data())
    subscriber = Subscriber.objects.get()
    path = reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)})
    visitor.post(path)
    again = visitor.post(path)
    assert again.status_code == 200
    assert "nichts mehr zu bestätigen" in again.content.decode()
    assert subscriber.consent_events.filter(event=ConsentEvent.Event.CONFIRMED).count() == 1


def active_subscriber(email="lena@example.org", *channel_list) -> Subscriber:
    subscriber = Subscriber.objects.create(email=email)
    for channel in channel_list:
        Subscription.objects.create(subscriber=subscriber, channel=channel, status=Status.ACTIVE)
    return subscriber


def test_unsubscribe_get_shows_a_button_and_only_the_post_unsubscribes(visitor, newsletter_channels):
    subscriber = active_subscriber(
        "lena@example.org", newsletter_channels["mint"], newsletter_channels["wirtschaft"]
    )
    path = reverse("newsletter:unsubscribe", kwargs={"token": make_token(subscriber, UNSUBSCRIBE)})
    page = visitor.get(path)
    assert page.status_code == 200
    assert '<button type="submit"' in page.content.decode()
    assert statuses(subscriber) == {"mint-update": Status.ACTIVE, "wirtschaft-im-landkreis": Status.ACTIVE}

    done = visitor.post(path, {"scope": "all"})
    assert done.status_code == 200
    assert "Sie sind abgemeldet" in done.content.decode()
    assert set(statuses(subscriber).values()) == {Status.UNSUBSCRIBED}


def test_unsubscribe_page_for_one_channel_can_leave_only_that_one(visitor, newsletter_channels):
    subscriber = active_subscriber(
        "lena@example.org", newsletter_channels["mint"], newsletter_channels["wirtschaft"]
    )
    path = reverse("newsletter:unsubscribe", kwargs={"token": make_token(subscriber, UNSUBSCRIBE)})
    visitor.post(f"{path}?channel=mint-update", {"scope": "channel"})
    assert statuses(subscriber) == {
        "mint-update": Status.UNSUBSCRIBED,
        "wirtschaft-im-landkreis": Status.ACTIVE,
    }


def test_unsubscribe_page_offers_only_what_still_applies(visitor, newsletter_channels):
    subscriber = active_subscriber(
        "lena@example.org", newsletter_channels["mint"], newsletter_channels["wirtschaft"]
    )
    path = reverse("newsletter:unsubscribe", kwargs={"token": make_token(subscriber, UNSUBSCRIBE)})
    page = visitor.get(f"{path}?channel=mint-update").content.decode()
    assert 'value="channel"' in page and "Nur vom Newsletter" in page

    subscriber.subscriptions.filter(channel=newsletter_channels["mint"]).update(status=Status.UNSUBSCRIBED)
    page = visitor.get(f"{path}?channel=mint-update").content.decode()
    assert 'value="channel"' not in page and "Nur vom Newsletter" not in page
    assert "sind Sie bereits abgemeldet" in page
    assert '<input type="hidden" name="scope" value="all">' in page and '<button type="submit"' in page
    visitor.post(f"{path}?channel=mint-update", {"scope": "all"})
    assert set(statuses(subscriber).values()) == {Status.UNSUBSCRIBED}

    # Leaving every channel ends the links mailed before; a link issued since shows that nothing is left.
    gone = visitor.get(f"{path}?channel=mint-update")
    assert gone.status_code == 410 and "Dieser Link gilt nicht mehr" in gone.content.decode()
    subscriber.refresh_from_db()
    path = reverse("newsletter:unsubscribe", kwargs={"token": make_token(subscriber, UNSUBSCRIBE)})
    for query in ("?channel=mint-update", ""):
        # The page's own content; the site header carries the search form on every page.
        page = visitor.get(f"{path}{query}").content.decode().split('id="inhalt"', 1)[1]
        assert "<button" not in page and "<form" not in page
        assert "Sie erhalten keine Newsletter mehr von uns." in page


def test_one_click_unsubscribe_works_without_session_csrf_or_login_and_is_idempotent(newsletter_channels):
    subscriber = active_subscriber(
        "lena@example.org", newsletter_channels["mint"], newsletter_channels["wirtschaft"]
    )
    path = reverse("newsletter:unsubscribe", kwargs={"token": make_token(subscriber, UNSUBSCRIBE)})
    provider = Client(enforce_csrf_checks=True)  # as a mail provider posts: no cookie, no token
    for _attempt in range(2):
        response = provider.post(
            f"{path}?channel=mint-update",
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert not response.cookies
    assert statuses(subscriber) == {
        "mint-update": Status.UNSUBSCRIBED,
        "wirtschaft-im-landkreis": Status.ACTIVE,
    }
    events = subscriber.consent_events.filter(event=ConsentEvent.Event.UNSUBSCRIBED)
    assert list(events.values_list("source", "ip_address")) == [("email", None)]


def test_one_click_without_channel_leaves_every_channel(newsletter_channels):
    subscriber = active_subscriber(
        "lena@example.org", newsletter_channels["mint"], newsletter_channels["wirtschaft"]
    )
    path = reverse("newsletter:unsubscribe", kwargs={"token": make_token(subscriber, UNSUBSCRIBE)})
    Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert set(statuses(subscriber).values()) == {Status.UNSUBSCRIBED}


def test_preference_centre_changes_facets_and_channels(visitor, newsletter_channels):
    subscriber = active_subscriber("lena@example.org", newsletter_channels["mint"])
    path = reverse("newsletter:preferences", kwargs={"token": make_token(subscriber, PREFERENCES)})
    page = visitor.get(path)
    assert page.status_code == 200
    assert "lena@example.org" in page.content.decode()

    response = visitor.post(
        path,
        {
            "channels": ["wirtschaft-im-landkreis"],
            "municipality": "asperg",
            "grade_bands": ["klasse-8-10"],
            "language": "de",
            "consent": "on",
            "consent_version": "2025-01",
        },
    )
    assert response.status_code == 200
    assert "gespeichert" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.municipality == Municipality.objects.get(slug="asperg")
    assert list(subscriber.grade_bands.all()) == [GradeBand.objects.get(slug="klasse-8-10")]
    assert statuses(subscriber) == {
        "mint-update": Status.UNSUBSCRIBED,
        "wirtschaft-im-landkreis": Status.ACTIVE,
    }
    events = list(subscriber.consent_events.values_list("event", "channel__slug", "consent_text__version"))
    assert events == [
        (ConsentEvent.Event.PREFERENCES_CHANGED, None, None),
        (ConsentEvent.Event.UNSUBSCRIBED, "mint-update", None),
        (ConsentEvent.Event.CONFIRMED, "wirtschaft-im-landkreis", "2025-01"),
    ]


def test_adding_a_channel_in_the_preference_centre_needs_the_consent_box(visitor, newsletter_channels):
    subscriber = active_subscriber("lena@example.org", newsletter_channels["mint"])
    path = reverse("newsletter:preferences", kwargs={"token": make_token(subscriber, PREFERENCES)})
    response = visitor.post(path, {"channels": ["mint-update", "wirtschaft-im-landkreis"], "language": "de"})
    assert response.status_code == 400
    assert (
        "Bitte bestätigen Sie die Einwilligung für die neu gewählten Newsletter" in response.content.decode()
    )
    assert statuses(subscriber) == {"mint-update": Status.ACTIVE}


def test_preference_centre_keeps_a_non_public_channel_the_person_receives(visitor, newsletter_channels):
    subscriber = active_subscriber("lena@example.org", newsletter_channels["intern"])
    path = reverse("newsletter:preferences", kwargs={"token": make_token(subscriber, PREFERENCES)})
    html = visitor.get(path).content.decode()
    assert re.search(r'<input type="checkbox" name="channels" value="intern"[^>]*checked', html)


def test_preference_centre_button_leaves_every_channel(visitor, newsletter_channels):
    subscriber = active_subscriber(
        "lena@example.org", newsletter_channels["mint"], newsletter_channels["wirtschaft"]
    )
    path = reverse("newsletter:preferences", kwargs={"token": make_token(subscriber, PREFERENCES)})
    response = visitor.post(path, {"unsubscribe_all": "1"})
    assert response.status_code == 200
    assert set(statuses(subscriber).values()) == {Status.UNSUBSCRIBED}


@pytest.mark.parametrize("purpose", [CONFIRM, PREFERENCES, UNSUBSCRIBE])
def test_tampered_or_foreign_tokens_answer_400_in_german_and_change_nothing(
    visitor, newsletter_channels, purpose
):
    subscriber = active_subscriber("lena@example.org", newsletter_channels["mint"])
    other_purpose = PREFERENCES if purpose != PREFERENCES else CONFIRM
    tokens = [make_token(subscriber, purpose)[:-3] + "xyz", make_token(subscriber, other_purpose), "x" * 600]
    for token in tokens:
        path = reverse(f"newsletter:{purpose}", kwargs={"token": token})
        for response in (visitor.get(path), visitor.post(path, {"List-Unsubscribe": "One-Click"})):
            assert response.status_code == 400
            assert "Dieser Link ist ungültig" in response.content.decode()
    assert statuses(subscriber) == {"mint-update": Status.ACTIVE}


def test_expired_confirmation_link_answers_410_and_offers_a_new_signup(
    visitor, newsletter_channels, monkeypatch
):
    visitor.post("/newsletter/", signup_data())
    run_queued_tasks()
    subscriber = Subscriber.objects.get()
    eight_days_ago = timezone.now().timestamp() - 8 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: eight_days_ago)
        token = confirm_token(subscriber)
    response = visitor.post(reverse("newsletter:confirm", kwargs={"token": token}))
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    assert statuses(subscriber) == {"mint-update": Status.PENDING}


def test_erased_subscribers_links_stop_working(visitor, newsletter_channels):
    subscriber = active_subscriber("lena@example.org", newsletter_channels["mint"])
    token = make_token(subscriber, UNSUBSCRIBE)
    subscriber.delete()
    response = visitor.get(reverse("newsletter:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 410
    assert "Dieser Link gilt nicht mehr" in response.content.decode()


def test_active_subscribers_facets_are_not_changed_by_someone_signing_them_up_again(
    visitor, newsletter_channels
):
    subscriber = active_subscriber("lena@example.org", newsletter_channels["mint"])
    subscriber.name = "Lena"
    subscriber.save()
    visitor.post("/newsletter/", signup_data("lena@example.org", name="Jemand anderes", role="press"))
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.role) == ("Lena", "")


def test_the_same_mailbox_in_another_case_is_one_subscriber(
    visitor, newsletter_channels, inline_mail, mailoutbox
):
    visitor.post("/newsletter/", signup_data("Lena@Example.org"))
    visitor.post("/newsletter/", signup_data("lena@EXAMPLE.org", channels=["wirtschaft-im-landkreis"]))
    assert Subscriber.objects.count() == 1
    assert statuses(Subscriber.objects.get()) == {
        "mint-update": Status.PENDING,
        "wirtschaft-im-landkreis": Status.PENDING,
    }


def test_suppressed_address_is_neither_stored_nor_mailed_nor_confirmable(
    visitor, newsletter_channels, inline_mail, mailoutbox
):
    Suppression.suppress("lena@example.org", Suppression.Reason.COMPLAINT)
    response = visitor.post("/newsletter/", signup_data("lena@example.org"))
    assert response.status_code == 303
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_queued_confirmation_mail_carries_only_the_id_and_arrives_when_the_worker_runs_it(
    smtp_sink, visitor, newsletter_channels, django_capture_on_commit_callbacks, settings
):
    settings.CAMPAIGNS_QUEUE_CONFIRMATION_MAILS = True
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/newsletter/", signup_data("lena@example.org"))
    assert smtp_sink.messages == [], "the request itself sends nothing"
    [queued] = OrmQ.objects.all()
    task = queued.task
    assert "lena" not in queued.payload and "lena" not in repr(task)
    assert task["args"] == (SignupRequest.objects.get().pk,)

    import_string(task["func"])(*task["args"], **task["kwargs"])
    [received] = smtp_sink.handler.to("lena@example.org")
    assert "/newsletter/confirm/" in received.message.get_content()

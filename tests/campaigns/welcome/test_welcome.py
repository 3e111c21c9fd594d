"""The welcome mail over a real SMTP server: once per confirmed subscription, with the reader's items,
the issue's list headers and links, in the reader's language, and never lost while the server is down."""

import re
from datetime import time, timedelta
from email.message import EmailMessage

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from campaigns.models import Campaign, Subscriber, Subscription, Suppression, WelcomeMail
from campaigns.recurrence import Simple, compose, local, upcoming
from campaigns.subscriptions.suppressions import record_bounce
from campaigns.tokens import PREFERENCES, UNSUBSCRIBE, read_token
from campaigns.welcome.content import render_welcome
from campaigns.welcome.sending import queue_welcome, send_due, send_welcome
from tests.campaigns.engine import make_campaign
from tests.campaigns.subscribing import confirm_token, run_queued_tasks, signup_data
from tests.campaigns.welcome.mailbox import welcomes
from tests.clock import Clock
from tests.factories import make_news

pytestmark = pytest.mark.django_db
Status = WelcomeMail.Status


def parts(message: EmailMessage) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.iter_parts()}


def test_confirming_a_signup_brings_one_welcome_with_the_readers_items(
    newsletter, smtp_sink, visitor, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://leuchtturm.example"
    data = signup_data(
        "mia@example.org", channels=["wirtschaft-mint"], subjects=["mathematik"], grade_bands=["klasse-5-7"]
    )
    visitor.post("/newsletter/", data)
    run_queued_tasks()
    subscriber = Subscriber.objects.get(email="mia@example.org")
    assert welcomes(smtp_sink, subscriber.email) == [], "no welcome before the confirmation"
    path = reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)})

    visitor.post(path)
    run_queued_tasks()
    visitor.post(path)  # a second click confirms nothing and welcomes nobody again
    run_queued_tasks()
    send_due(Clock(Clock()() + timedelta(minutes=10)))

    [message] = welcomes(smtp_sink, subscriber.email)
    assert message["Subject"] == "Willkommen bei „Wirtschaft & MINT“"
    assert message["List-Id"] == '"Wirtschaft & MINT" <wirtschaft-mint.list.localhost>'
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
    assert https.startswith("https://leuchtturm.example/newsletter/unsubscribe/")
    assert https.endswith("/?channel=wirtschaft-mint")
    assert read_token(https.split("/unsubscribe/")[1].split("/")[0], UNSUBSCRIBE) == subscriber
    assert mailto.startswith("mailto:abmelden@localhost?subject=")
    body = parts(message)
    assert set(body) == {"text/plain", "text/html"}
    for content in body.values():
        assert https in content
        preferences = re.search(r"https://leuchtturm\.example/newsletter/preferences/([^/\s\"]+)/", content)
        assert read_token(preferences.group(1), PREFERENCES) == subscriber
        # Ranked as an issue ranks them: the offer that fits her first; the local Asperg news never.
        assert content.index("Mathe-Olympiade") < content.index("Robotik-Workshop")
        assert "Neues Gewerbegebiet in Asperg" not in content
        assert "Im Browser ansehen" not in content
    assert '<html lang="de"' in body["text/html"]
    welcome = WelcomeMail.objects.get()
    assert (welcome.status, welcome.attempts, welcome.message_id) == (Status.SENT, 1, message["Message-ID"])


def test_at_most_five_items(newsletter, smtp_sink):
    parent = newsletter.pages["news_district"].get_parent()
    for number in range(6):
        make_news(parent, f"Kreisnachricht Nummer {number}")
    reader = newsletter.readers["ludwigsburg"]
    queue_welcome(reader.subscriptions.get())
    run_queued_tasks()
    [message] = welcomes(smtp_sink, reader.email)
    assert len(re.findall(r"^\* ", parts(message)["text/plain"], re.MULTILINE)) == 5


def test_one_welcome_per_subscription_whatever_is_retried(newsletter, smtp_sink):
    subscription = newsletter.readers["teacher"].subscriptions.get()
    first = queue_welcome(subscription)
    assert queue_welcome(subscription) is None, "a second confirmation records no second mail"
    run_queued_tasks()
    assert send_welcome(first.pk) is False, "a retried task finds it sent"
    assert send_due(Clock(Clock()() + timedelta(minutes=10))) == 0
    assert len(welcomes(smtp_sink, "lehrerin@example.org")) == 1


def test_the_channel_words_its_own_subject(newsletter, smtp_sink):
    newsletter.channel.welcome_subject = "Willkommen an Bord von {kanal}!"
    newsletter.channel.save()
    queue_welcome(newsletter.readers["pupil"].subscriptions.get())
    run_queued_tasks()
    [message] = welcomes(smtp_sink, "schueler@example.org")
    assert message["Subject"] == "Willkommen an Bord von Wirtschaft & MINT!"


def test_the_frame_speaks_the_readers_language(newsletter, smtp_sink):
    reader = newsletter.readers["asperg"]
    Subscriber.objects.filter(pk=reader.pk).update(language="en")
    queue_welcome(reader.subscriptions.get())
    run_queued_tasks()
    [message] = welcomes(smtp_sink, reader.email)
    assert message["Subject"] == "Welcome to “Wirtschaft & MINT”"
    text = parts(message)["text/plain"]
    assert "thank you for confirming" in text
    assert "Unsubscribe" in text


def test_a_suppressed_or_departed_reader_gets_no_welcome(newsletter, smtp_sink):
    record_bounce("asperg@example.org", detail="550 unbekannt")
    queue_welcome(newsletter.readers["asperg"].subscriptions.get())
    gone = newsletter.readers["pupil"].subscriptions.get()
    queue_welcome(gone)
    Subscription.objects.filter(pk=gone.pk).update(status=Subscription.Status.UNSUBSCRIBED)
    run_queued_tasks()
    assert smtp_sink.messages == []
    assert set(WelcomeMail.objects.values_list("status", flat=True)) == {Status.SKIPPED}


def test_a_welcome_waits_out_a_mail_server_outage(newsletter, smtp_sink):
    smtp_sink.handler.reject_all = "451 4.3.2 try again later"
    welcome = queue_welcome(newsletter.readers["ludwigsburg"].subscriptions.get())
    clock = Clock()
    assert send_welcome(welcome.pk, clock) is False
    welcome.refresh_from_db()
    assert welcome.status == Status.QUEUED and welcome.next_attempt_at > clock()
    assert send_due(clock) == 0, "not before its retry falls due"

    smtp_sink.handler.reject_all = ""
    clock.advance(61)
    assert send_due(clock) == 1
    welcome.refresh_from_db()
    assert (welcome.status, welcome.attempts) == (Status.SENT, 2)
    assert len(welcomes(smtp_sink, "lb@example.org")) == 1


def test_a_crashed_send_is_taken_up_again(newsletter, smtp_sink):
    welcome = queue_welcome(newsletter.readers["ludwigsburg"].subscriptions.get())
    clock = Clock()
    WelcomeMail.objects.filter(pk=welcome.pk).update(status=Status.SENDING, claimed_until=clock())
    assert send_due(clock) == 0, "the claim has not expired yet"
    clock.advance(1)
    assert send_due(clock) == 1


def test_a_refused_recipient_fails_and_is_suppressed(newsletter, smtp_sink):
    smtp_sink.handler.reject["lb@example.org"] = "550 5.1.1 no such user"
    welcome = queue_welcome(newsletter.readers["ludwigsburg"].subscriptions.get())
    run_queued_tasks()
    welcome.refresh_from_db()
    assert welcome.status == Status.FAILED
    assert Suppression.objects.is_suppressed("lb@example.org")


def test_it_says_what_the_channel_sends_and_how_often(newsletter):
    newsletter.channel.description = "Angebote und Nachrichten aus Wirtschaft und MINT."
    newsletter.channel.save()
    now = timezone.now()
    for weeks_ago in (4, 2):
        make_campaign(
            newsletter.channel, status=Campaign.Status.SENT, started_at=now - timedelta(weeks=weeks_ago)
        )
    subject, rendered = render_welcome(newsletter.readers["teacher"], newsletter.channel)
    assert subject.startswith("Willkommen")
    assert "Angebote und Nachrichten aus Wirtschaft und MINT." in rendered.text
    assert "Eine neue Ausgabe erscheint etwa alle 2 Wochen." in rendered.text
    assert "Robotik-Workshop" in rendered.text


def test_a_recurring_channel_names_its_next_date(newsletter):
    now = timezone.now()
    newsletter.channel.recurrence = compose(Simple("biweekly", 3, time(7, 0)), now)
    newsletter.channel.save()
    coming = local(upcoming(newsletter.channel.recurrence, now, 1)[0])
    _subject, rendered = render_welcome(newsletter.readers["teacher"], newsletter.channel)
    day = f"{coming.day}. {date_format(coming, 'F')} {coming.year}"
    assert f"Die nächste Ausgabe erscheint am {day} um 07:00 Uhr." in rendered.text.replace("\n", " ")

"""Deadline reminders: readers who asked for them get one short mail a day with the channel's MINT offers that
fit them and whose registration deadline is near — never for offers past, full, cancelled or switched off —
through the engine's headers and suppression, and each offer only once (an injected clock, the SMTP sink)."""

from datetime import timedelta
from email.utils import parseaddr

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.addresses import email_hash
from campaigns.models import Channel, DeadlineReminder, Subscription, Suppression
from campaigns.reminders import send_due_reminders
from campaigns.tokens import PREFERENCES, make_token
from page_types.models import MintOfferPage, RegistrationStatus
from tests.campaigns.engine import make_reader
from tests.concurrency import at_once
from tests.factories import make_offer, make_site

NOW = timezone.now()
TODAY = timezone.localdate(NOW)


@pytest.fixture
def mint(db):
    """A channel offering reminders; offers with deadlines near and far; readers asking for them or not."""
    site = make_site()
    channel = Channel.objects.create(name="MINT-Update", slug="mint-update", offers_reminders=True)

    def offer(title: str, days: int, subjects=("informatik",), grade_bands=("klasse-8-10",), **fields):
        page = make_offer(site["mint"], title, subjects=subjects, grade_bands=grade_bands)
        MintOfferPage.objects.filter(pk=page.pk).update(
            registration_deadline=TODAY + timedelta(days=days), **fields
        )
        return page

    offers = {
        "robotik": offer("Robotik-Workshop", 3, registration_url="https://example.org/anmeldung"),
        "coding": offer("Coding-Camp", 1),
        "full": offer("Ausgebuchter Kurs", 2, registration_status=RegistrationStatus.FULL),
        "cancelled": offer("Abgesagter Kurs", 2, registration_status=RegistrationStatus.CANCELLED),
        "silent": offer("Kurs ohne Erinnerung", 2, send_reminders=False),
        "later": offer("Späterer Kurs", 10),
        "past": offer("Vergangener Anmeldeschluss", -1),
        "maths": offer("Mathe-Olympiade", 2, subjects=("mathematik",), grade_bands=("klasse-5-7",)),
    }
    readers = {
        "teacher": make_reader(
            channel, "lehrerin@example.org", subjects=["informatik"], grade_bands=["klasse-8-10"]
        ),
        "pupil": make_reader(
            channel, "schueler@example.org", subjects=["mathematik"], grade_bands=["klasse-5-7"]
        ),
        "quiet": make_reader(channel, "ruhig@example.org", subjects=["informatik"]),
        "suppressed": make_reader(channel, "gesperrt@example.org", subjects=["informatik"]),
    }
    Subscription.objects.exclude(subscriber=readers["quiet"]).update(deadline_reminders=True)
    Suppression.objects.create(
        email_hash=email_hash("gesperrt@example.org"), reason=Suppression.Reason.MANUAL
    )
    return channel, offers, readers


def mails_to(smtp_sink, address: str):
    return [m.message for m in smtp_sink.messages if parseaddr(m.message["To"])[1] == address]


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_each_reader_gets_one_mail_with_the_open_offers_that_fit_them(mint, smtp_sink):
    assert send_due_reminders(now=NOW) == 2

    [teacher] = mails_to(smtp_sink, "lehrerin@example.org")
    assert teacher["Subject"] == "Anmeldeschluss bald: 2 Angebote"
    body = text_of(teacher)
    assert "Robotik-Workshop" in body and "Coding-Camp" in body
    assert "https://example.org/anmeldung" in body
    for title in ("Ausgebucht", "Abgesagt", "ohne Erinnerung", "Späterer", "Vergangener", "Mathe"):
        assert title not in body
    [pupil] = mails_to(smtp_sink, "schueler@example.org")
    assert pupil["Subject"] == "Anmeldeschluss bald: Mathe-Olympiade"
    assert not mails_to(smtp_sink, "ruhig@example.org")
    assert not mails_to(smtp_sink, "gesperrt@example.org")


def test_a_reminder_carries_the_list_headers_and_an_html_part_in_the_readers_language(mint, smtp_sink):
    send_due_reminders(now=NOW)

    [message] = mails_to(smtp_sink, "lehrerin@example.org")
    assert "<mint-update.list." in message["List-Id"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert str(message["List-Unsubscribe"]).strip().startswith("<http")
    assert "mailto:" in message["List-Unsubscribe"]
    assert message["Content-Language"] == "de"
    assert '<html lang="de">' in message.get_body(("html",)).get_content()


def test_an_offer_is_reminded_once_even_when_the_schedule_runs_again(mint, smtp_sink):
    channel, offers, readers = mint
    send_due_reminders(now=NOW)
    assert send_due_reminders(now=NOW + timedelta(hours=1)) == 0
    assert send_due_reminders(now=NOW + timedelta(days=1)) == 0
    assert DeadlineReminder.objects.filter(subscriber=readers["teacher"]).count() == 2

    MintOfferPage.objects.filter(pk=offers["later"].pk).update(
        registration_deadline=TODAY + timedelta(days=3)
    )
    assert send_due_reminders(now=NOW + timedelta(days=1)) == 1
    [_first, second] = mails_to(smtp_sink, "lehrerin@example.org")
    assert "Späterer Kurs" in text_of(second) and "Robotik" not in text_of(second)


def test_records_of_past_deadlines_are_deleted(mint, smtp_sink):
    _channel, offers, readers = mint
    send_due_reminders(now=NOW)
    send_due_reminders(now=NOW + timedelta(days=2))
    assert list(
        DeadlineReminder.objects.filter(subscriber=readers["teacher"]).values_list("page_id", flat=True)
    ) == [offers["robotik"].pk]


def test_the_days_before_the_deadline_are_a_setting(mint, smtp_sink, settings):
    settings.CAMPAIGNS_REMINDER_DAYS_BEFORE = 1
    send_due_reminders(now=NOW)

    [message] = mails_to(smtp_sink, "lehrerin@example.org")
    assert message["Subject"] == "Anmeldeschluss bald: Coding-Camp"


def test_the_preference_centre_offers_the_reminder_with_a_german_label(mint, client):
    channel, _offers, readers = mint
    quiet = readers["quiet"]
    path = reverse("newsletter:preferences", kwargs={"token": make_token(quiet, PREFERENCES)})
    assert "Erinnerung vor Anmeldeschluss" in client.get(path).content.decode()

    response = client.post(
        path,
        {
            "channels": ["mint-update"],
            "language": "de",
            "subjects": ["informatik"],
            "deadline_reminders": "on",
        },
    )

    assert response.status_code == 200
    assert Subscription.objects.get(subscriber=quiet, channel=channel).deadline_reminders


@pytest.mark.on_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_send_each_reminder_once(mint, smtp_sink):
    sent = at_once(lambda: send_due_reminders(now=NOW))

    assert sum(sent) == 2
    assert len(mails_to(smtp_sink, "lehrerin@example.org")) == 1
    assert len(mails_to(smtp_sink, "schueler@example.org")) == 1
    assert DeadlineReminder.objects.count() == 3

"""Outages that heal: what a refusal means, one recipient's failure stays theirs, an error streak pauses the
issue and tells the campaign managers, and failed deliveries can be queued again — against a real SMTP
server on loopback that refuses on command, with a clock the test moves."""

import smtplib

import pytest
import requests
from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.core.management import call_command
from django.urls import reverse

from campaigns.addresses import email_hash
from campaigns.models import Campaign, Delivery, Subscription, Suppression
from campaigns.sending import control, freeze
from campaigns.sending.backends import Kind, classify
from campaigns.sending.batch import send_batch
from campaigns.sending.inline import send_inline
from tests.campaigns.engine import make_reader
from tests.clock import Clock

Status = Delivery.Status


def start(campaign: Campaign) -> None:
    control.begin(campaign.pk)
    freeze.prepare(campaign.pk)


def api_error(status: int, text: str) -> AnymailAPIError:
    """What django-anymail raises when the ESP's send API answers ``status``."""
    response = requests.Response()
    response.status_code, response.reason, response._content = status, text, text.encode()
    return AnymailAPIError(text, status_code=status, response=response)


def refused(code: int, reply: str) -> smtplib.SMTPRecipientsRefused:
    return smtplib.SMTPRecipientsRefused({"x@example.org": (code, reply.encode())})


@pytest.mark.parametrize(
    ("error", "kind", "connection_lost"),
    [
        (refused(550, "5.1.1 User unknown"), Kind.RECIPIENT, False),
        (refused(550, "5.1.10 Recipient address rejected: null MX"), Kind.RECIPIENT, False),
        (refused(550, "5.2.1 Mailbox disabled"), Kind.RECIPIENT, False),
        (refused(553, "Mailbox name not allowed"), Kind.RECIPIENT, False),
        (refused(552, "5.2.2 Mailbox full"), Kind.MESSAGE, False),
        (refused(550, "5.7.1 Service unavailable; client host blocked using Spamhaus"), Kind.MESSAGE, False),
        (refused(554, "5.7.1 Relay access denied"), Kind.MESSAGE, False),
        (smtplib.SMTPSenderRefused(550, b"5.7.1 Sender address not verified", "news@x"), Kind.MESSAGE, False),
        (smtplib.SMTPSenderRefused(550, b"Sender refused", "news@x"), Kind.MESSAGE, False),
        (smtplib.SMTPDataError(552, b"5.3.4 Message size exceeds fixed limit"), Kind.MESSAGE, False),
        (smtplib.SMTPDataError(554, b"Transaction failed"), Kind.MESSAGE, False),
        (refused(451, "4.3.0 Try again later"), Kind.TRANSIENT, False),
        (smtplib.SMTPDataError(421, b"4.7.0 Too many connections"), Kind.TRANSIENT, True),
        (smtplib.SMTPServerDisconnected("gone"), Kind.TRANSIENT, True),
        (ConnectionRefusedError(111, "Connection refused"), Kind.TRANSIENT, True),
        (TimeoutError("timed out"), Kind.TRANSIENT, True),
        (api_error(503, "Service unavailable"), Kind.TRANSIENT, False),
        (api_error(429, "Too many requests"), Kind.TRANSIENT, False),
        (api_error(422, "Sender signature not confirmed"), Kind.MESSAGE, False),
        (AnymailRecipientsRefused("Inactive recipient"), Kind.RECIPIENT, False),
        (UnicodeEncodeError("ascii", "jörg", 1, 2, "ordinal not in range(128)"), Kind.MESSAGE, False),
    ],
)
def test_only_a_refused_recipient_suppresses(error, kind, connection_lost):
    failure = classify(error)
    assert (failure.kind, failure.connection_lost) == (kind, connection_lost)
    assert failure.suppresses == (kind is Kind.RECIPIENT)
    assert failure.final == (kind is not Kind.TRANSIENT)


def test_a_refused_sender_fails_without_suppressing_anybody(newsletter, smtp_sink, settings):
    """The district's own sending host blocked by policy: nobody is marked bounced."""
    settings.CAMPAIGNS_PAUSE_AFTER_FAILURES = 100
    smtp_sink.handler.reject_all = "550 5.7.1 Client host rejected: sender not authorised"
    campaign = send_inline(newsletter.campaign.pk)

    assert campaign.status == Campaign.Status.FAILED
    assert set(Delivery.objects.values_list("status", "bounced")) == {(Status.FAILED, False)}
    assert not Suppression.objects.exists()
    assert set(Subscription.objects.values_list("status", flat=True)) == {Subscription.Status.ACTIVE}


def test_one_unsendable_recipient_fails_alone(newsletter, smtp_sink):
    """An address the server cannot carry (no SMTPUTF8) in the middle of a batch: everyone else gets
    their message exactly once, the poisoned delivery fails without a suppression."""
    poisoned = make_reader(newsletter.channel, "jörg@example.org", name="Jörg")
    later = make_reader(newsletter.channel, "spaeter@example.org")
    campaign = send_inline(newsletter.campaign.pk)

    assert campaign.status == Campaign.Status.SENT
    others = [reader.email for reader in newsletter.readers.values()] + [later.email]
    assert sorted(m.rcpt_tos[0] for m in smtp_sink.messages) == sorted(others)
    failed = Delivery.objects.get(subscriber=poisoned)
    assert (failed.status, failed.bounced) == (Status.FAILED, False)
    assert not Suppression.objects.filter(email_hash=email_hash(poisoned.email)).exists()


def test_an_error_streak_pauses_the_issue_and_tells_the_managers(
    newsletter, smtp_sink, settings, django_user_model
):
    settings.CAMPAIGNS_PAUSE_AFTER_FAILURES = 3
    settings.CAMPAIGNS_RECORD_EVERY = 1
    manager = django_user_model.objects.create_superuser("leitung", "leitung@example.org", "pw")
    django_user_model.objects.create_user("redaktion", "redaktion@example.org", "pw")
    for reader in newsletter.readers.values():
        smtp_sink.handler.reject[reader.email] = "451 4.4.1 Relay nicht erreichbar"
    start(newsletter.campaign)
    clock = Clock()
    send_batch(newsletter.campaign.pk, clock)

    campaign = Campaign.objects.get(pk=newsletter.campaign.pk)
    assert (campaign.status, campaign.paused) == (Campaign.Status.SENDING, True)
    assert "Automatisch angehalten" in campaign.error and "451 4.4.1" in campaign.error
    # The batch stopped at the pause: the fourth reader was not tried.
    assert Delivery.objects.filter(status=Status.QUEUED, failing_since__isnull=True).count() == 1
    [alert] = [m for m in smtp_sink.messages if m.rcpt_tos == [manager.email]]
    assert "angehalten" in alert.message["Subject"]
    assert str(newsletter.campaign.pk) in alert.message.get_content()
    assert not [m for m in smtp_sink.messages if "redaktion@example.org" in m.rcpt_tos]

    # Paused, nothing goes out however long it waits; resumed after the relay is back, all arrive.
    clock.advance(3600)
    assert send_batch(newsletter.campaign.pk, clock).claimed == 0
    smtp_sink.handler.reject.clear()
    control.resume(campaign)
    send_batch(newsletter.campaign.pk, clock)
    assert Delivery.objects.filter(status=Status.SENT).count() == len(newsletter.readers)
    assert Campaign.objects.get(pk=campaign.pk).failure_streak == 0


def test_a_sent_message_ends_the_streak(newsletter, smtp_sink, settings):
    settings.CAMPAIGNS_PAUSE_AFTER_FAILURES = 2
    start(newsletter.campaign)
    deliveries = Delivery.objects.filter(campaign=newsletter.campaign).order_by("pk")
    in_sending_order = list(deliveries.values_list("subscriber__email", flat=True))
    assert len(in_sending_order) >= 3
    for address in (in_sending_order[0], in_sending_order[-1]):
        smtp_sink.handler.reject[address] = "451 4.3.0 Bitte später"
    send_batch(newsletter.campaign.pk)

    # In order of sending: the first fails, the middle ones are sent, the last fails — one failure in a row.
    campaign = Campaign.objects.get(pk=newsletter.campaign.pk)
    assert (campaign.paused, campaign.failure_streak) == (False, 1)


def test_requeue_sends_what_failed_for_our_reasons_and_keeps_refused_recipients_out(
    newsletter, smtp_sink, settings, capsys
):
    settings.CAMPAIGNS_PAUSE_AFTER_FAILURES = 100
    readers = newsletter.readers
    smtp_sink.handler.reject[readers["teacher"].email] = "550 5.1.1 Unbekannter Empfänger"
    for name in ("asperg", "ludwigsburg"):
        smtp_sink.handler.reject[readers[name].email] = "554 5.7.1 Message rejected as spam"
    assert send_inline(newsletter.campaign.pk).status == Campaign.Status.SENT
    assert Delivery.objects.filter(status=Status.FAILED).count() == 3

    smtp_sink.handler.reject.clear()
    call_command("requeue_campaign", newsletter.campaign.pk)
    assert "2 Zustellungen erneut eingereiht" in capsys.readouterr().out
    assert Campaign.objects.get(pk=newsletter.campaign.pk).status == Campaign.Status.SENDING
    send_inline(newsletter.campaign.pk)

    assert Campaign.objects.get(pk=newsletter.campaign.pk).status == Campaign.Status.SENT
    received = [m.rcpt_tos[0] for m in smtp_sink.messages]
    assert sorted(received) == sorted(r.email for r in readers.values() if r != readers["teacher"])
    assert Delivery.objects.get(subscriber=readers["teacher"]).status == Status.FAILED


def test_requeue_refuses_an_issue_that_was_never_sent(newsletter):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nicht erneut eingereiht"):
        call_command("requeue_campaign", newsletter.campaign.pk)
    with pytest.raises(CommandError, match="Keine Ausgabe"):
        call_command("requeue_campaign", 999999)


def test_the_dispatch_page_offers_the_requeue_button(newsletter, smtp_sink, manager, client, settings):
    settings.CAMPAIGNS_PAUSE_AFTER_FAILURES = 100
    smtp_sink.handler.reject[newsletter.readers["asperg"].email] = "554 5.7.1 Message rejected"
    send_inline(newsletter.campaign.pk)
    url = reverse("campaigns_campaign:control", args=[newsletter.campaign.pk, "requeue"])
    page = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk]))
    assert url in page.content.decode()

    smtp_sink.handler.reject.clear()
    response = client.post(url, follow=True)
    assert "1 Zustellung erneut eingereiht." in response.content.decode()
    assert Delivery.objects.get(subscriber=newsletter.readers["asperg"]).status == Status.QUEUED

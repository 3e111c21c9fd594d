"""Sending through a real SMTP server on loopback: one message per reader, with the right content and
headers; 4xx retried, 5xx failed and suppressed; pause and cancel stop further sends."""

import re
from datetime import timedelta
from email.message import EmailMessage
from unittest import mock

import pytest
from django.core.management import call_command

from campaigns.addresses import email_hash
from campaigns.models import Campaign, Delivery, Subscription, Suppression
from campaigns.pacing import Pacer
from campaigns.sending import control, freeze
from campaigns.sending.batch import send_batch
from campaigns.sending.inline import send_inline
from campaigns.tokens import UNSUBSCRIBE, read_token
from tests.campaigns.engine import ALL_TITLES, EXPECTED_TITLES
from tests.clock import Clock

Status = Delivery.Status


def start(campaign: Campaign) -> None:
    control.begin(campaign.pk)
    freeze.prepare(campaign.pk)


def delivery(newsletter, reader: str) -> Delivery:
    return Delivery.objects.get(campaign=newsletter.campaign, subscriber=newsletter.readers[reader])


def parts(message: EmailMessage) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.iter_parts()}


def test_each_reader_receives_exactly_one_message_with_their_content(newsletter, smtp_sink):
    campaign = send_inline(newsletter.campaign.pk)

    assert campaign.status == Campaign.Status.SENT
    assert len(smtp_sink.messages) == len(newsletter.readers)
    for name, reader in newsletter.readers.items():
        received = smtp_sink.handler.to(reader.email)
        assert len(received) == 1, name
        body = parts(received[0].message)
        for content in body.values():
            assert {title for title in ALL_TITLES if title in content} == EXPECTED_TITLES[name], name
        assert (delivery(newsletter, name).status, delivery(newsletter, name).attempts) == (Status.SENT, 1)


def test_messages_carry_list_headers_and_both_parts(newsletter, smtp_sink, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://leuchtturm.example"
    send_inline(newsletter.campaign.pk)

    message_ids = set()
    for name, reader in newsletter.readers.items():
        message = smtp_sink.handler.to(reader.email)[0].message
        assert message["Subject"] == "Neues für Sie im Landkreis"
        assert message["Precedence"] == "bulk"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Id"] == '"Wirtschaft & MINT" <wirtschaft-mint.list.localhost>'
        https, mailto = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
        assert https.startswith("https://leuchtturm.example/newsletter/unsubscribe/")
        assert https.endswith("/?channel=wirtschaft-mint")
        token = https.split("/unsubscribe/")[1].split("/")[0]
        assert read_token(token, UNSUBSCRIBE) == reader
        assert mailto.startswith("mailto:abmelden@localhost?subject=")
        assert message["Message-ID"] == delivery(newsletter, name).message_id
        message_ids.add(message["Message-ID"])
        assert message.get_content_type() == "multipart/alternative"
        body = parts(message)
        assert set(body) == {"text/plain", "text/html"}
        assert '<html lang="de"' in body["text/html"]
        assert https in body["text/html"] and https in body["text/plain"]
        assert "Impressum" in body["text/html"] and "Impressum" in body["text/plain"]
        assert all(len(line) <= 998 for line in smtp_sink.handler.to(reader.email)[0].data.splitlines())
    assert len(message_ids) == len(newsletter.readers)
    teacher = parts(smtp_sink.handler.to("lehrerin@example.org")[0].message)
    assert "Guten Tag Jörg Lehrer," in teacher["text/plain"]


def test_transient_rejection_is_retried_with_back_off(newsletter, smtp_sink, settings):
    settings.CAMPAIGNS_RETRY_DELAY = 0
    smtp_sink.handler.reject["asperg@example.org"] = "451 4.3.0 Bitte später erneut"
    start(newsletter.campaign)

    send_batch(newsletter.campaign.pk)
    deferred = delivery(newsletter, "asperg")
    assert (deferred.status, deferred.attempts) == (Status.QUEUED, 1)
    assert deferred.error.startswith("451")
    assert smtp_sink.handler.to("asperg@example.org") == []

    del smtp_sink.handler.reject["asperg@example.org"]
    send_batch(newsletter.campaign.pk)
    assert delivery(newsletter, "asperg").status == Status.SENT
    assert len(smtp_sink.handler.to("asperg@example.org")) == 1
    assert len(smtp_sink.messages) == len(newsletter.readers)
    assert control.finish_if_done(newsletter.campaign.pk)


def test_retry_waits_for_its_back_off(newsletter, smtp_sink, settings):
    settings.CAMPAIGNS_RETRY_DELAY = 3600
    smtp_sink.handler.reject["asperg@example.org"] = "421 4.7.0 Zu viele Verbindungen"
    start(newsletter.campaign)
    send_batch(newsletter.campaign.pk)
    del smtp_sink.handler.reject["asperg@example.org"]

    assert send_batch(newsletter.campaign.pk).claimed == 0
    assert delivery(newsletter, "asperg").status == Status.QUEUED


def test_transient_errors_give_up_at_the_retry_horizon(newsletter, smtp_sink, settings):
    settings.CAMPAIGNS_RETRY_DELAY = 60
    settings.CAMPAIGNS_RETRY_HORIZON = 3 * 3600
    smtp_sink.handler.reject["asperg@example.org"] = "452 4.2.2 Postfach voll"
    start(newsletter.campaign)
    clock = Clock()
    while delivery(newsletter, "asperg").status == Status.QUEUED:
        clock.now = max(clock.now, delivery(newsletter, "asperg").next_attempt_at)
        send_batch(newsletter.campaign.pk, clock)

    failed = delivery(newsletter, "asperg")
    assert (failed.status, failed.bounced) == (Status.FAILED, False)
    assert clock.now - failed.failing_since == timedelta(hours=3)
    # Waits doubling from a minute: 1, 1, 2, 4, … 64 minutes, then the rest to the horizon.
    assert failed.attempts == 10
    assert not Suppression.objects.filter(email_hash=email_hash("asperg@example.org")).exists()


def test_permanent_rejection_fails_and_suppresses(newsletter, smtp_sink):
    smtp_sink.handler.reject["asperg@example.org"] = "550 5.1.1 Unbekannter Empfänger"
    campaign = send_inline(newsletter.campaign.pk)

    failed = delivery(newsletter, "asperg")
    assert (failed.status, failed.attempts, failed.bounced) == (Status.FAILED, 1, True)
    assert failed.error.startswith("550")
    assert Suppression.objects.filter(email_hash=email_hash("asperg@example.org")).exists()
    subscription = Subscription.objects.get(subscriber=newsletter.readers["asperg"])
    assert subscription.status == Subscription.Status.BOUNCED
    assert smtp_sink.handler.to("asperg@example.org") == []
    assert campaign.status == Campaign.Status.SENT
    assert len(smtp_sink.messages) == len(newsletter.readers) - 1


def test_lost_server_defers_the_whole_batch(newsletter, settings):
    from tests.smtp_sink import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    start(newsletter.campaign)

    result = send_batch(newsletter.campaign.pk)
    assert (result.claimed, result.retried, result.sent) == (4, 4, 0)
    # Nothing was handed to a server, so no attempt is counted; the deliveries are failing since now.
    assert set(Delivery.objects.values_list("status", "attempts")) == {(Status.QUEUED, 0)}
    assert not Delivery.objects.filter(failing_since__isnull=True).exists()


def pause_after(count: int, action):
    """A pacer stand-in that runs ``action`` when the ``count``-th message is about to go out."""
    calls = []

    def wait(self):
        calls.append(1)
        if len(calls) == count:
            action()

    return mock.patch.object(Pacer, "wait", wait)


def test_pause_stops_further_sends_and_resume_completes(newsletter, smtp_sink, settings):
    settings.CAMPAIGNS_RECORD_EVERY = 1
    start(newsletter.campaign)
    with pause_after(2, lambda: control.pause(newsletter.campaign)):
        result = send_batch(newsletter.campaign.pk)

    assert (result.sent, result.released) == (2, 2)
    assert len(smtp_sink.messages) == 2
    assert send_batch(newsletter.campaign.pk).claimed == 0
    assert Delivery.objects.filter(status=Status.QUEUED, attempts=0).count() == 2

    with mock.patch("campaigns.sending.control.async_task") as queued:
        control.resume(newsletter.campaign)
    assert queued.called
    send_batch(newsletter.campaign.pk)
    assert len(smtp_sink.messages) == 4
    assert {m.rcpt_tos[0] for m in smtp_sink.messages} == {r.email for r in newsletter.readers.values()}


def test_cancel_stops_further_sends(newsletter, smtp_sink, settings):
    settings.CAMPAIGNS_RECORD_EVERY = 1
    start(newsletter.campaign)
    with pause_after(2, lambda: control.cancel(newsletter.campaign)):
        send_batch(newsletter.campaign.pk)

    assert len(smtp_sink.messages) == 2
    assert Delivery.objects.filter(status=Status.CANCELLED).count() == 2
    assert send_batch(newsletter.campaign.pk).claimed == 0
    assert Campaign.objects.get().status == Campaign.Status.CANCELLED
    assert len(smtp_sink.messages) == 2


def test_readers_who_left_after_the_freeze_are_skipped(newsletter, smtp_sink):
    start(newsletter.campaign)
    Subscription.objects.filter(subscriber=newsletter.readers["pupil"]).update(
        status=Subscription.Status.UNSUBSCRIBED
    )
    send_inline(newsletter.campaign.pk)

    assert delivery(newsletter, "pupil").status == Status.SKIPPED
    assert smtp_sink.handler.to("schueler@example.org") == []
    assert len(smtp_sink.messages) == 3


def test_suppressed_addresses_are_never_frozen(newsletter, smtp_sink):
    Suppression.suppress("lb@example.org", Suppression.Reason.COMPLAINT)
    send_inline(newsletter.campaign.pk)

    assert not Delivery.objects.filter(subscriber=newsletter.readers["ludwigsburg"]).exists()
    assert smtp_sink.handler.to("lb@example.org") == []


def test_send_campaign_command_inline(newsletter, smtp_sink):
    call_command("send_campaign", str(newsletter.campaign.pk), "--inline")
    assert Campaign.objects.get().status == Campaign.Status.SENT
    assert len(smtp_sink.messages) == 4


def test_send_campaign_command_queues_the_start(newsletter):
    with mock.patch("campaigns.sending.control.async_task") as queued:
        call_command("send_campaign", str(newsletter.campaign.pk))
    queued.assert_called_once_with(control.TASK_START, newsletter.campaign.pk, group=mock.ANY)


@pytest.mark.parametrize(
    "backend", ["django.core.mail.backends.locmem.EmailBackend", "anymail.backends.test.EmailBackend"]
)
def test_other_backends_get_complete_message_objects(newsletter, settings, backend):
    """File, console, locmem and django-anymail ESP backends read the message object, not the bytes."""
    from django.core import mail

    settings.EMAIL_BACKEND = backend
    settings.ANYMAIL = {}
    send_inline(newsletter.campaign.pk)

    assert len(mail.outbox) == len(newsletter.readers)
    for message in mail.outbox:
        (address,) = message.to
        name = next(
            n for n, r in newsletter.readers.items() if f"<{r.email}>" in address or address == r.email
        )
        html = message.alternatives[0][0]
        assert {t for t in ALL_TITLES if t in message.body} == EXPECTED_TITLES[name]
        assert {t for t in ALL_TITLES if t in html} == EXPECTED_TITLES[name]
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        status = getattr(message, "anymail_status", None)
        expected_id = str(status.message_id) if status else message.extra_headers["Message-ID"]
        assert delivery(newsletter, name).message_id == expected_id

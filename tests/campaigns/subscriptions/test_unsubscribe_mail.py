"""The ``mailto:`` of ``List-Unsubscribe``: a message to the unsubscribe mailbox unsubscribes its sender,
whether it arrives through an MTA pipe (``process_unsubscribe_mail``) or an ESP's inbound webhook."""

import base64
import io
import json
import sys
from email.message import EmailMessage
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError

from campaigns import app_settings
from campaigns.management.commands.process_unsubscribe_mail import Command
from campaigns.models import ConsentEvent, Subscriber, Subscription
from campaigns.subscriptions.unsubscribe_mail import Outcome, handle_unsubscribe_mail

SECRET = "hook:geheim"
OUR_MX = "mx.landkreis-ludwigsburg.de"
POSTMARK_MX = "inbound.postmarkapp.com"


@pytest.fixture(autouse=True)
def trusted_mail_servers(settings):
    """The district's own MX and the ESP's inbound servers vouch for senders."""
    settings.CAMPAIGNS_TRUSTED_AUTHSERV_IDS = f"{OUR_MX}, {POSTMARK_MX}"


def authentication_results(domain: str, authserv_id: str = OUR_MX, dmarc: str = "pass") -> str:
    """What OpenDMARC and OpenDKIM write for a message from ``domain`` signed by Gmail for it."""
    return (
        f"{authserv_id}; dkim=pass (2048-bit key; unprotected) header.d={domain} header.i=@{domain} "
        f'header.s=20230601 header.b="AbC1dEf2"; spf=pass (sender SPF authorized) smtp.mailfrom={domain}; '
        f"dmarc={dmarc} (p=NONE sp=QUARANTINE dis=NONE) header.from={domain}"
    )


ACTIVE = Subscription.Status.ACTIVE
UNSUBSCRIBED = Subscription.Status.UNSUBSCRIBED


@pytest.fixture
def reader(newsletter_channels) -> Subscriber:
    """Lena reads two channels."""
    subscriber = Subscriber.objects.create(email="lena.leser@example.org", name="Lena Leser")
    for key in ("mint", "wirtschaft"):
        Subscription.objects.create(subscriber=subscriber, channel=newsletter_channels[key], status=ACTIVE)
    return subscriber


def statuses(subscriber: Subscriber) -> dict[str, str]:
    return dict(subscriber.subscriptions.values_list("channel__slug", "status"))


def request_mail(
    subject: str | None = "Abmelden mint-update", sender: str = "Lena Leser <lena.leser@example.org>"
):
    """What Gmail sends when the reader clicks "Abbestellen" and it uses the mailto: an empty body."""
    message = EmailMessage()
    message["MIME-Version"] = "1.0"
    message["From"] = sender
    message["Date"] = "Thu, 26 Nov 2026 23:41:07 +0100"
    message["Message-ID"] = "<CAHx4Rk3+9d2c1vM@mail.gmail.com>"
    domain = sender.rpartition("@")[2].strip(">").lower()
    message["Authentication-Results"] = authentication_results(domain)
    if subject is not None:
        message["Subject"] = subject
    message["To"] = app_settings.unsubscribe_mailto()
    message.set_content("")
    message.add_alternative('<div dir="ltr"><br></div>', subtype="html")
    return message


def test_subject_with_a_slug_ends_that_channel_only(reader):
    result = handle_unsubscribe_mail(request_mail("Abmelden mint-update"))

    assert result.outcome == Outcome.UNSUBSCRIBED
    assert result.channels == ("mint-update",)
    assert statuses(reader) == {"mint-update": UNSUBSCRIBED, "wirtschaft-im-landkreis": ACTIVE}
    event = ConsentEvent.objects.get(subscriber=reader, event=ConsentEvent.Event.UNSUBSCRIBED)
    assert (event.channel.slug, event.source, event.detail) == ("mint-update", "email", "mailto (MTA)")
    assert mail.outbox == []  # no reply, ever


@pytest.mark.parametrize("subject", [None, "", "Abmelden", "Abmelden gibt-es-nicht"])
def test_subject_without_a_known_slug_ends_every_channel(reader, subject):
    result = handle_unsubscribe_mail(request_mail(subject))

    assert result.outcome == Outcome.UNSUBSCRIBED
    assert set(result.channels) == {"mint-update", "wirtschaft-im-landkreis"}
    assert set(statuses(reader).values()) == {UNSUBSCRIBED}
    assert ConsentEvent.objects.filter(event=ConsentEvent.Event.UNSUBSCRIBED).count() == 2


def test_the_sender_address_is_matched_in_any_case_of_the_local_part(reader):
    result = handle_unsubscribe_mail(request_mail(sender="Lena.Leser@EXAMPLE.org"))

    assert result.outcome == Outcome.UNSUBSCRIBED
    assert statuses(reader)["mint-update"] == UNSUBSCRIBED


def test_unknown_sender_changes_nothing(reader):
    result = handle_unsubscribe_mail(request_mail(sender="fremd@example.net"))

    assert (result.outcome, result.address) == (Outcome.UNKNOWN_SENDER, "fremd@example.net")
    assert set(statuses(reader).values()) == {ACTIVE}
    assert not ConsentEvent.objects.exists()


@pytest.mark.parametrize("sender", [None, "Lena Leser", "lena.leser@example.org, fremd@example.net"])
def test_a_message_without_one_sender_address_changes_nothing(reader, sender):
    message = request_mail()
    del message["From"]
    if sender is not None:
        message["From"] = sender

    assert handle_unsubscribe_mail(message).outcome == Outcome.NO_SENDER
    assert set(statuses(reader).values()) == {ACTIVE}


def test_a_bounce_changes_nothing(reader):
    bounce = EmailMessage()
    bounce["Return-Path"] = "<>"
    bounce["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.org>"
    bounce["To"] = app_settings.unsubscribe_mailto()
    bounce["Subject"] = "Undelivered Mail Returned to Sender"
    bounce["Auto-Submitted"] = "auto-replied"
    bounce.set_content("<lena.leser@example.org>: host mx.example.org said: 552 mailbox full")

    assert handle_unsubscribe_mail(bounce).outcome == Outcome.AUTOMATIC
    assert set(statuses(reader).values()) == {ACTIVE}


# Each marker on its own, on a message from the reader's own address (which would otherwise unsubscribe).
@pytest.mark.parametrize(
    "header, value",
    [
        ("Auto-Submitted", "auto-replied"),
        ("Auto-Submitted", "auto-generated; owner-email=lena.leser@example.org"),
        ("Return-Path", "<>"),
        ("Precedence", "bulk"),
        ("Precedence", "auto_reply"),
    ],
)
def test_automatic_answers_from_the_subscriber_change_nothing(reader, header, value):
    message = request_mail()
    message[header] = value

    assert handle_unsubscribe_mail(message).outcome == Outcome.AUTOMATIC
    assert set(statuses(reader).values()) == {ACTIVE}


def test_a_system_sender_is_never_acted_on(reader):
    Subscriber.objects.create(email="postmaster@example.org")

    assert handle_unsubscribe_mail(request_mail(sender="postmaster@example.org")).outcome == Outcome.AUTOMATIC


def test_an_empty_envelope_sender_counts_as_a_bounce(reader):
    result = handle_unsubscribe_mail(request_mail(), envelope_sender="")

    assert result.outcome == Outcome.AUTOMATIC


def test_auto_submitted_no_is_a_person(reader):
    message = request_mail()
    message["Auto-Submitted"] = "no"

    assert handle_unsubscribe_mail(message).outcome == Outcome.UNSUBSCRIBED


def test_mail_to_another_address_changes_nothing(reader):
    message = request_mail()
    message.replace_header("To", "newsletter@example.org")

    assert handle_unsubscribe_mail(message).outcome == Outcome.NOT_FOR_MAILBOX
    assert set(statuses(reader).values()) == {ACTIVE}


def test_the_envelope_recipient_names_the_mailbox_of_a_bcc(reader):
    message = request_mail()
    message.replace_header("To", "newsletter@example.org")

    result = handle_unsubscribe_mail(message, envelope_recipient=app_settings.unsubscribe_mailto())

    assert result.outcome == Outcome.UNSUBSCRIBED


def as_piped_by_postfix(message: EmailMessage) -> bytes:
    """The bytes Postfix's local delivery writes into an alias pipe: envelope line and headers first."""
    mailbox = app_settings.unsubscribe_mailto()
    envelope = (
        "From lena.leser@example.org  Thu Nov 26 22:41:09 2026\n"
        "Return-Path: <lena.leser@example.org>\n"
        f"X-Original-To: {mailbox}\n"
        f"Delivered-To: {mailbox}\n"
    )
    return envelope.encode() + message.as_bytes()


def test_command_reads_the_message_from_stdin(reader):
    stdout = io.StringIO()
    call_command(
        "process_unsubscribe_mail", stdin=io.BytesIO(as_piped_by_postfix(request_mail())), stdout=stdout
    )

    assert statuses(reader) == {"mint-update": UNSUBSCRIBED, "wirtschaft-im-landkreis": ACTIVE}
    assert stdout.getvalue().strip() == "Abgemeldet: lena.leser@example.org: mint-update"


def test_command_reads_a_file(reader, tmp_path):
    path = tmp_path / "request.eml"
    path.write_bytes(request_mail("").as_bytes())

    call_command("process_unsubscribe_mail", str(path), stdout=io.StringIO())

    assert set(statuses(reader).values()) == {UNSUBSCRIBED}


def test_command_ignores_a_bounce_with_exit_status_zero(reader):
    bounce = request_mail()
    bounce["Auto-Submitted"] = "auto-replied"
    stdout = io.StringIO()

    call_command("process_unsubscribe_mail", stdin=io.BytesIO(bounce.as_bytes()), stdout=stdout)

    assert "ignoriert" in stdout.getvalue()
    assert set(statuses(reader).values()) == {ACTIVE}


def run_as_mta(monkeypatch, capsys, stdin: bytes, *args: str) -> tuple[int, str]:
    """Run the command as the MTA does (``manage.py`` argv); return its exit status and stderr."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "process_unsubscribe_mail", *args])
    return exit_info.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    "stdin, args, status",
    [
        (b"\x00\xff\xfe\x89PNG garbage without any header line\n", (), 65),
        (b"", (), 65),
        (b"", ("/nonexistent/request.eml",), 66),
    ],
)
def test_command_refuses_unreadable_input_in_one_line(db, monkeypatch, capsys, stdin, args, status):
    code, stderr = run_as_mta(monkeypatch, capsys, stdin, *args)

    assert code == status
    assert stderr.startswith("CommandError: ")
    assert stderr.count("\n") == 1
    assert "Traceback" not in stderr


def test_command_asks_the_mta_to_retry_when_the_database_is_down(db, monkeypatch, capsys):
    target = "campaigns.management.commands.process_unsubscribe_mail.handle_unsubscribe_mail"
    with mock.patch(target, side_effect=OperationalError("could not connect to server db.internal")):
        code, stderr = run_as_mta(monkeypatch, capsys, request_mail().as_bytes())

    assert code == 75
    assert "Traceback" not in stderr
    assert "db.internal" not in stderr


def postmark_inbound(to: str) -> dict:
    """Postmark's inbound webhook JSON for the reader's request (as documented, trimmed of empty fields)."""
    return {
        "FromName": "Lena Leser",
        "MessageStream": "inbound",
        "From": "lena.leser@example.org",
        "FromFull": {"Email": "lena.leser@example.org", "Name": "Lena Leser", "MailboxHash": ""},
        "To": to,
        "ToFull": [{"Email": to, "Name": "", "MailboxHash": ""}],
        "Cc": "",
        "CcFull": [],
        "Bcc": "",
        "BccFull": [],
        "OriginalRecipient": to,
        "Subject": "Abmelden mint-update",
        "MessageID": "5c1ab6e2-7d11-4a7e-9f3b-2c0a3f0e61d4",
        "ReplyTo": "",
        "MailboxHash": "",
        "Date": "Thu, 26 Nov 2026 23:41:07 +0100",
        "TextBody": "",
        "HtmlBody": "",
        "StrippedTextReply": "",
        "Tag": "",
        "Headers": [
            {"Name": "Return-Path", "Value": "<lena.leser@example.org>"},
            {"Name": "Received", "Value": "by mail-wr1-f41.google.com with SMTP id 5b1f17b1804b1"},
            {"Name": "X-Spam-Status", "Value": "No"},
            {"Name": "X-Spam-Score", "Value": "-0.1"},
            {"Name": "Received-SPF", "Value": "pass (example.org: 209.85.221.41 is authorized)"},
            {"Name": "Authentication-Results", "Value": authentication_results("example.org", POSTMARK_MX)},
            {"Name": "MIME-Version", "Value": "1.0"},
            {"Name": "Message-ID", "Value": "<CAHx4Rk3+9d2c1vM@mail.gmail.com>"},
        ],
        "Attachments": [],
    }


def post_inbound(client, payload: dict):
    auth = base64.b64encode(SECRET.encode()).decode()
    return client.post(
        "/webhooks/anymail/postmark/inbound/",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )


def test_inbound_webhook_unsubscribes(client, reader, settings, mount_esp):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    mount_esp("postmark")

    assert post_inbound(client, postmark_inbound(app_settings.unsubscribe_mailto())).status_code == 200

    assert statuses(reader) == {"mint-update": UNSUBSCRIBED, "wirtschaft-im-landkreis": ACTIVE}
    event = ConsentEvent.objects.get(subscriber=reader, event=ConsentEvent.Event.UNSUBSCRIBED)
    assert event.detail == "mailto (Postmark)"


def test_inbound_webhook_leaves_mail_to_other_addresses_alone(client, reader, settings, mount_esp):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    mount_esp("postmark")

    assert post_inbound(client, postmark_inbound("redaktion@example.org")).status_code == 200

    assert set(statuses(reader).values()) == {ACTIVE}


def test_an_operator_can_name_another_mailbox(reader, settings):
    settings.CAMPAIGNS_UNSUBSCRIBE_MAILTO = "newsletter-abmelden@landkreis-ludwigsburg.de"
    message = request_mail()
    assert message["To"] == "newsletter-abmelden@landkreis-ludwigsburg.de"
    assert handle_unsubscribe_mail(message).outcome == Outcome.UNSUBSCRIBED
    assert statuses(reader)["mint-update"] == UNSUBSCRIBED

    settings.CAMPAIGNS_UNSUBSCRIBE_MAILTO = ""  # an empty environment variable keeps the default
    assert app_settings.unsubscribe_mailto().startswith("abmelden@")


# A forged sender: the attack of the security review, and its variants.


def forged(message: EmailMessage, *results: str) -> EmailMessage:
    del message["Authentication-Results"]
    for value in results:
        message["Authentication-Results"] = value
    return message


@pytest.mark.parametrize(
    "results",
    [
        (),  # no authentication at all: the plain forged From of the review
        (authentication_results("example.org", authserv_id="mx.attacker.example"),),  # a foreign server
        (authentication_results("example.org", dmarc="fail").replace("dkim=pass", "dkim=fail"),),
        # DKIM passes, but for the attacker's own domain; DMARC speaks for another domain
        (f"{OUR_MX}; dkim=pass header.d=attacker.example; dmarc=pass header.from=attacker.example",),
        (f"{OUR_MX}; dkim=pass header.d=example.org.attacker.example; dmarc=none header.from=example.org",),
        # the trusted name only inside a comment
        ("mx.attacker.example (" + OUR_MX + "); dmarc=pass header.from=example.org",),
    ],
    ids=["none", "foreign-server", "failed", "other-domain", "look-alike-domain", "name-in-comment"],
)
def test_a_forged_sender_unsubscribes_nobody(reader, results, caplog):
    result = handle_unsubscribe_mail(forged(request_mail(), *results))

    assert result.outcome == Outcome.UNAUTHENTICATED
    assert set(statuses(reader).values()) == {ACTIVE}
    assert not ConsentEvent.objects.filter(event=ConsentEvent.Event.UNSUBSCRIBED).exists()
    assert "unauthenticated" in caplog.text


def test_aligned_dkim_of_a_parent_domain_is_enough(reader):
    message = forged(
        request_mail(sender="lena@news.example.org"), f"{OUR_MX}; dkim=pass header.d=example.org"
    )
    Subscriber.objects.filter(pk=reader.pk).update(email="lena@news.example.org")
    assert handle_unsubscribe_mail(message).outcome == Outcome.UNSUBSCRIBED


def test_without_trusted_servers_no_mail_is_believed(reader, settings):
    settings.CAMPAIGNS_TRUSTED_AUTHSERV_IDS = ""
    assert handle_unsubscribe_mail(request_mail()).outcome == Outcome.UNAUTHENTICATED
    assert set(statuses(reader).values()) == {ACTIVE}


def test_the_forged_inbound_webhook_call_unsubscribes_nobody(client, reader, settings, mount_esp):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    mount_esp("postmark")
    payload = postmark_inbound(app_settings.unsubscribe_mailto())
    payload["Headers"] = [
        header for header in payload["Headers"] if header["Name"] != "Authentication-Results"
    ]

    assert post_inbound(client, payload).status_code == 200
    assert set(statuses(reader).values()) == {ACTIVE}

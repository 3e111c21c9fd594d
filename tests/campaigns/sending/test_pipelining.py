"""Pipelined SMTP transactions (``campaigns.sending.pipelining``) against aiosmtpd on loopback: the commands
go out in one write, the message arrives byte for byte, and every refusal raises what ``smtplib.sendmail``
raises, leaves the connection usable (or closed after a 421) and concerns only its own recipient."""

import smtplib
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from hypothesis import given
from hypothesis import strategies as st

from campaigns.sending import pipelining
from campaigns.sending.backends import Kind, classify
from tests.smtp_sink import SinkHandler, free_port

SENDER = "newsletter@example.org"
MESSAGE = (
    b"Subject: Punkte\r\n\r\n"
    b".Anfang mit Punkt\r\n"
    b"..zwei Punkte\r\n"
    b"Mitte . Punkt\r\n"
    b".\r\n"
    b"Ende ohne Zeilenende."
)


@dataclass
class RefusingHandler(SinkHandler):
    """A sink that can also refuse the sender (``MAIL``) or the message (after ``DATA``)."""

    refuse_mail: str = ""
    refuse_data: str = ""

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # noqa: N802
        if self.refuse_mail:
            return self.refuse_mail
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        return self.refuse_data or await super().handle_DATA(server, session, envelope)


@pytest.fixture
def server() -> Iterator[tuple[RefusingHandler, int]]:
    handler, port = RefusingHandler(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def handler(server) -> RefusingHandler:
    return server[0]


@pytest.fixture
def smtp(server) -> Iterator[smtplib.SMTP]:
    connection = smtplib.SMTP("127.0.0.1", server[1], timeout=10)
    connection.ehlo()
    yield connection
    connection.close()


def sent_writes(smtp: smtplib.SMTP, address: str, data: bytes = MESSAGE) -> list[bytes]:
    """Send one message; return what was written to the socket, write by write."""
    with mock.patch.object(smtp, "send", wraps=smtp.send) as send:
        pipelining.sendmail(smtp, SENDER, address, data)
    return [call.args[0] for call in send.call_args_list]


def test_commands_go_out_in_one_write_and_the_message_arrives_unchanged(handler, smtp):
    writes = sent_writes(smtp, "leserin@example.org")

    assert writes[0] == (
        f"MAIL FROM:<{SENDER}> size={len(MESSAGE)}\r\nRCPT TO:<leserin@example.org>\r\nDATA\r\n".encode()
    )
    assert len(writes) == 2
    (received,) = handler.messages
    assert (received.mail_from, received.rcpt_tos) == (SENDER, ["leserin@example.org"])
    # aiosmtpd removes the dot-stuffing; the content is the message with the final line end added.
    assert received.data == MESSAGE + b"\r\n"


def test_a_pipelined_connection_sends_each_write_at_once(handler, smtp):
    # Nagle's algorithm would hold a write back until the server acknowledged the previous one, and a
    # pipelining client waits for the answers of its last write: about twice the time per message here.
    assert smtp.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
    pipelining.sendmail(smtp, SENDER, "leserin@example.org", MESSAGE)
    assert smtp.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


def test_dot_stuffing_matches_smtplib():
    for data in (MESSAGE, b".", b"a\n.b\r\n.\r\n", b"..\n..", b"ohne Punkt\r\n"):
        expected = smtplib._quote_periods(data)
        expected += b"" if expected.endswith(b"\r\n") else b"\r\n"
        assert pipelining.dot_stuffed(data) == expected + b".\r\n"


ATEXT = "abcXYZ019!#$%&'*+/=?^_`{|}~-"
atoms = st.lists(st.text(st.sampled_from(ATEXT), min_size=1, max_size=6), min_size=1, max_size=3).map(
    ".".join
)


# Dots, quotes, brackets, specials and whitespace, which address parsing treats specially.
odd_parts = st.text(st.sampled_from('ab.."() <>,;:\\[]@\r\né'), max_size=8)


@given(st.one_of(st.tuples(atoms, atoms), st.tuples(odd_parts, odd_parts)).map("@".join))
def test_addresses_are_quoted_as_smtplib_quotes_them(address):
    assert pipelining.quoted(address) == smtplib.quoteaddr(address)


def test_a_server_without_pipelining_gets_one_command_per_write(handler, smtp):
    handler.pipelining = False
    smtp.ehlo()
    writes = sent_writes(smtp, "leserin@example.org")

    assert [write[:4] for write in writes] == ["mail", "rcpt", "data", MESSAGE[:4]]
    assert handler.messages[0].data == MESSAGE + b"\r\n"


@pytest.mark.parametrize(
    ("reply", "kind"), [("550 5.1.1 Unbekannt", Kind.RECIPIENT), ("451 4.3.0 Später", Kind.TRANSIENT)]
)
def test_a_refused_recipient_fails_alone_and_the_connection_goes_on(handler, smtp, reply, kind):
    handler.reject["weg@example.org"] = reply

    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        pipelining.sendmail(smtp, SENDER, "weg@example.org", MESSAGE)
    pipelining.sendmail(smtp, SENDER, "da@example.org", MESSAGE)

    code, text = refused.value.recipients["weg@example.org"]
    assert f"{code} {text.decode()}" == reply
    failure = classify(refused.value)
    assert (failure.kind, failure.connection_lost) == (kind, False)
    assert [message.rcpt_tos for message in handler.messages] == [["da@example.org"]]


@pytest.mark.parametrize(
    ("refusal", "reply", "error", "args"),
    [
        (
            "refuse_mail",
            "553 5.7.1 Absender nicht erlaubt",
            smtplib.SMTPSenderRefused,
            (553, b"5.7.1 Absender nicht erlaubt", SENDER),
        ),
        (
            "refuse_data",
            "554 5.7.1 Inhalt abgelehnt",
            smtplib.SMTPDataError,
            (554, b"5.7.1 Inhalt abgelehnt"),
        ),
    ],
)
def test_a_refused_sender_or_message_fails_that_message_and_the_connection_goes_on(
    handler, smtp, refusal, reply, error, args
):
    setattr(handler, refusal, reply)

    with pytest.raises(error) as refused:
        pipelining.sendmail(smtp, SENDER, "leserin@example.org", MESSAGE)
    setattr(handler, refusal, "")
    pipelining.sendmail(smtp, SENDER, "leserin@example.org", MESSAGE)

    assert refused.value.args == args
    assert classify(refused.value).kind is Kind.MESSAGE
    assert len(handler.messages) == 1


def test_a_closing_server_closes_the_connection(handler, smtp):
    handler.reject["leserin@example.org"] = "421 4.7.0 Zu viele Verbindungen"

    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        pipelining.sendmail(smtp, SENDER, "leserin@example.org", MESSAGE)

    assert smtp.sock is None
    failure = classify(refused.value)
    assert (failure.kind, failure.connection_lost) == (Kind.TRANSIENT, True)


def test_a_line_break_in_a_command_is_refused_before_anything_is_written(handler, smtp):
    # An address that ``quoteaddr`` cannot parse is used as it is: smtplib refuses the command.
    with mock.patch.object(smtp, "send", wraps=smtp.send) as send, pytest.raises(ValueError, match="newline"):
        pipelining.sendmail(smtp, SENDER, "\r\n", MESSAGE)

    assert send.call_args_list == []
    pipelining.sendmail(smtp, SENDER, "leserin@example.org", MESSAGE)
    assert [message.rcpt_tos for message in handler.messages] == [["leserin@example.org"]]

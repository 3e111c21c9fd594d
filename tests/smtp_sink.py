"""A real SMTP server on loopback (aiosmtpd) that keeps every received message for assertions.

Tests use it instead of Django's in-memory backend where the issue asks for a real mail flow: the message
goes through ``smtplib``, the wire and a real server, and the test parses the received bytes.
"""

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope


@dataclass
class ReceivedMessage:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


def offer_pipelining(responses: list[str]) -> list[str]:
    """aiosmtpd's EHLO answer with PIPELINING (RFC 2920) added: it reads pipelined commands in order
    anyway, and real relays offer it, so the engine's pipelined sending is what the tests exercise."""
    return [*responses[:-1], "250-PIPELINING", responses[-1]]


@dataclass
class SinkHandler:
    """Stores messages; ``reject`` maps a recipient to an SMTP reply such as ``"451 try later"``, and
    ``reject_all`` (when set) is the reply to every recipient — an outage or block switched on command;
    ``pipelining`` whether EHLO offers PIPELINING."""

    messages: list[ReceivedMessage] = field(default_factory=list)
    reject: dict[str, str] = field(default_factory=dict)
    reject_all: str = ""
    pipelining: bool = True
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_EHLO(self, server, session, envelope: Envelope, hostname: str, responses: list[str]):  # noqa: N802
        session.host_name = hostname
        return offer_pipelining(responses) if self.pipelining else responses

    async def handle_RCPT(self, server, session, envelope: Envelope, address: str, rcpt_options):  # noqa: N802
        reply = self.reject_all or self.reject.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope: Envelope):  # noqa: N802
        with self.lock:
            self.messages.append(
                ReceivedMessage(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
            )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[ReceivedMessage]:
        """Messages delivered to ``address``."""
        with self.lock:
            return [m for m in self.messages if address.lower() in (r.lower() for r in m.rcpt_tos)]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """An aiosmtpd controller on 127.0.0.1 and a free port."""

    def __init__(self, port: int | None = None) -> None:
        self.handler = SinkHandler()
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> "SmtpSink":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[ReceivedMessage]:
        return self.handler.messages

"""An SMTP server on loopback that counts messages per recipient instead of keeping them.

Thousands of newsletters would hold a few hundred megabytes in ``tests.smtp_sink``; the fault tests only
need to know who received how many messages, and under which Message-IDs. The server can be stopped and
started again on the same port, as an SMTP relay that goes down for a while.
"""

import threading
from collections import Counter
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from tests.smtp_sink import free_port, offer_pipelining


class CountingHandler:
    def __init__(self) -> None:
        self.per_recipient: Counter[str] = Counter()
        self.message_ids: list[str] = []
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope: Envelope, hostname: str, responses: list[str]):  # noqa: N802
        session.host_name = hostname
        return offer_pipelining(responses)

    async def handle_DATA(self, server, session, envelope: Envelope):  # noqa: N802
        headers = BytesHeaderParser().parsebytes(bytes(envelope.content))
        with self.lock:
            self.per_recipient.update(address.lower() for address in envelope.rcpt_tos)
            self.message_ids.append(headers.get("Message-ID", ""))
        return "250 Message accepted for delivery"


class MailCounter:
    """Counts what arrives on 127.0.0.1:``port``; ``start``/``stop`` may be called repeatedly."""

    def __init__(self) -> None:
        self.handler = CountingHandler()
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> "MailCounter":
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def total(self) -> int:
        with self.handler.lock:
            return sum(self.handler.per_recipient.values())

    def counts(self) -> Counter[str]:
        with self.handler.lock:
            return Counter(self.handler.per_recipient)

    def message_ids(self) -> list[str]:
        with self.handler.lock:
            return list(self.handler.message_ids)

"""What a send attempt through Django's e-mail backend came to, for SMTP and django-anymail ESPs alike.

The mail backend is Django's ``EMAIL_BACKEND`` (SMTP by default, any django-anymail ESP by setting). The
engine sorts every failure into one of three kinds, because each calls for something else:

* the **recipient** was refused (SMTP 5.1.x "no such mailbox", 5.2.1 "mailbox disabled", an ESP's invalid
  or rejected recipient): the delivery fails and the address is suppressed — only here;
* the **message** or its sender was refused (5.7.x policy, 5.3.4 size, sender not verified, an ESP's 4xx
  answer to the API call, a message that cannot be built): the delivery fails, nobody is suppressed — it
  is our fault or our provider's, not the reader's;
* a **transient** failure (4xx SMTP, connection refused or lost, timeouts, an ESP's 5xx or 429): retried
  with back-off until ``CAMPAIGNS_RETRY_HORIZON``.

Message refusals and transient failures both count towards the error streak that pauses an issue
(``campaigns.sending.streak``).
"""

import contextlib
import re
import smtplib
from dataclasses import dataclass
from enum import Enum

from anymail.exceptions import AnymailAPIError, AnymailError, AnymailInvalidAddress, AnymailRecipientsRefused
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

from campaigns.sending import pipelining
from campaigns.sending.mime import PersonalMessage

REJECTED_STATUSES = {"rejected", "invalid"}


class Kind(Enum):
    RECIPIENT = "recipient"
    MESSAGE = "message"
    TRANSIENT = "transient"


# RFC 3463 enhanced status codes that name the recipient's mailbox: 5.1.x (bad address, no such user, bad
# domain …) and 5.2.1 (mailbox disabled). 5.2.2 (mailbox full) is temporary in practice and is not among them.
RECIPIENT_STATUS = re.compile(r"^5\.(1\.\d{1,3}|2\.1)$")
ENHANCED_STATUS = re.compile(r"^\s*([245]\.\d{1,3}\.\d{1,3})\b")
# Without an enhanced code, a 550/551/553 answer to RCPT TO names the recipient (RFC 5321 4.2.2).
RECIPIENT_REPLY_CODES = {550, 551, 553}


@dataclass(frozen=True)
class Failure:
    kind: Kind
    connection_lost: bool
    detail: str

    @property
    def suppresses(self) -> bool:
        """Whether the address must never be mailed again (the recipient was refused)."""
        return self.kind is Kind.RECIPIENT

    @property
    def final(self) -> bool:
        """Whether trying again cannot help (the delivery fails at once)."""
        return self.kind is not Kind.TRANSIENT


def send(connection: BaseEmailBackend, message: PersonalMessage, sender: str, address: str) -> None:
    """Send one message over the batch's open connection, raising what the backend raises.

    Over Django's SMTP backend the pre-built bytes go straight onto the connection it opened (with its TLS
    and login), exactly as its ``send_messages`` would put them — without parsing both addresses again
    for every message, and pipelined where the server offers it (``pipelining``). Any other backend (an
    ESP, the file backend) gets the message object.
    """
    if isinstance(connection, SMTPBackend) and connection.connection is not None:
        pipelining.sendmail(connection.connection, sender, address, message.raw)
    else:
        connection.send_messages([message])


def end_transaction(connection: BaseEmailBackend) -> None:
    """End a half-done SMTP transaction (``MAIL`` accepted, ``RCPT`` or ``DATA`` unfinished) with ``RSET``.

    smtplib resets only after refusals it raised itself; an error such as an address it cannot encode leaves
    the transaction open, and the next recipient's ``MAIL`` would be refused ("nested MAIL command") for
    someone else's data. A connection that cannot take ``RSET`` is left as it is: the next send finds it
    broken and reconnects. Backends without an SMTP session need nothing.
    """
    if isinstance(connection, SMTPBackend) and connection.connection is not None:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.connection.rset()


def classify(error: Exception) -> Failure:
    """Sort an exception raised while sending into a recipient refusal, a message refusal or a transient
    failure (with or without the connection lost); anything unknown refuses only this message."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (0, b""))
        return _by_code(code, reply, at_recipient=True)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return Failure(Kind.TRANSIENT, True, f"Verbindung getrennt: {error}")
    if isinstance(error, smtplib.SMTPResponseException):
        return _by_code(error.smtp_code, error.smtp_error, at_recipient=False)
    if isinstance(error, (AnymailRecipientsRefused, AnymailInvalidAddress)):
        return Failure(Kind.RECIPIENT, False, str(error)[:400])
    if isinstance(error, AnymailAPIError):
        return _by_http_status(error.status_code, str(error))
    if isinstance(error, (smtplib.SMTPException, AnymailError)):
        return Failure(Kind.MESSAGE, False, str(error)[:400])
    if isinstance(error, OSError):
        return Failure(Kind.TRANSIENT, True, f"Verbindungsfehler: {error}")
    return Failure(Kind.MESSAGE, False, f"{error.__class__.__name__}: {error}"[:400])


def rejected_by_esp(message: EmailMessage) -> Failure | None:
    """An ESP that accepted the API call but refused the recipient (django-anymail's ``anymail_status``)."""
    status = getattr(message, "anymail_status", None)
    if status is not None and status.status and status.status <= REJECTED_STATUSES:
        return Failure(
            Kind.RECIPIENT, False, f"Vom Versanddienst abgelehnt: {', '.join(sorted(status.status))}"
        )
    return None


def provider_message_id(message: EmailMessage, default: str) -> str:
    """The id the ESP gave the message (its tracking events refer to it), else our ``Message-ID``."""
    status = getattr(message, "anymail_status", None)
    if status is None or status.message_id is None or status.message_id == "":
        return default
    return str(status.message_id)


def _by_code(code: int, reply: bytes | str, *, at_recipient: bool) -> Failure:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    detail = f"{code} {text}"[:400]
    if not 500 <= code < 600:
        return Failure(Kind.TRANSIENT, code == 421, detail)
    enhanced = ENHANCED_STATUS.match(text)
    if enhanced:
        recipient = bool(RECIPIENT_STATUS.match(enhanced.group(1)))
    else:
        recipient = at_recipient and code in RECIPIENT_REPLY_CODES
    return Failure(Kind.RECIPIENT if recipient else Kind.MESSAGE, False, detail)


def _by_http_status(status: int | None, detail: str) -> Failure:
    """An ESP's HTTP answer: 5xx, 429 and no answer at all are passing, any other 4xx refuses the message."""
    transient = status is None or status == 429 or status >= 500
    return Failure(Kind.TRANSIENT if transient else Kind.MESSAGE, status is None, detail[:400])

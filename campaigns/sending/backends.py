"""What a send attempt through Django's e-mail backend came to, for SMTP and django-anymail ESPs alike.

The mail backend is Django's ``EMAIL_BACKEND`` (SMTP by default, any django-anymail ESP by setting); the
engine only needs to know whether an error is *permanent* (5xx, a recipient the ESP refuses: fail and
suppress), *transient* (4xx, an ESP hiccup: retry later), or a lost connection (retry, and reconnect).
"""

import smtplib
from dataclasses import dataclass

from anymail.exceptions import AnymailError, AnymailRecipientsRefused
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

from campaigns.sending.mime import PersonalMessage

REJECTED_STATUSES = {"rejected", "invalid"}


@dataclass(frozen=True)
class Failure:
    permanent: bool
    connection_lost: bool
    detail: str


def send(connection: BaseEmailBackend, message: PersonalMessage, sender: str, address: str) -> None:
    """Send one message over the batch's open connection, raising what the backend raises.

    Over Django's SMTP backend the pre-built bytes go straight onto the connection it opened (with its TLS
    and login), exactly as its ``send_messages`` would put them — without parsing both addresses again
    for every message. Any other backend (an ESP, the file backend) gets the message object.
    """
    if isinstance(connection, SMTPBackend) and connection.connection is not None:
        connection.connection.sendmail(sender, [address], message.raw)
    else:
        connection.send_messages([message])


def classify(error: Exception) -> Failure:
    """Sort an exception raised by ``send_messages`` into permanent, transient or connection loss."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (0, b""))
        return _by_code(code, reply)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return Failure(False, True, f"Verbindung getrennt: {error}")
    if isinstance(error, smtplib.SMTPResponseException):
        return _by_code(error.smtp_code, error.smtp_error)
    if isinstance(error, AnymailRecipientsRefused):
        return Failure(True, False, str(error)[:400])
    if isinstance(error, (smtplib.SMTPException, AnymailError)):
        return Failure(False, False, str(error)[:400])
    if isinstance(error, OSError):
        return Failure(False, True, f"Verbindungsfehler: {error}")
    raise error


def rejected_by_esp(message: EmailMessage) -> Failure | None:
    """An ESP that accepted the API call but refused the recipient (django-anymail's ``anymail_status``)."""
    status = getattr(message, "anymail_status", None)
    if status is not None and status.status and status.status <= REJECTED_STATUSES:
        return Failure(True, False, f"Vom Versanddienst abgelehnt: {', '.join(sorted(status.status))}")
    return None


def provider_message_id(message: EmailMessage, default: str) -> str:
    """The id the ESP gave the message (its tracking events refer to it), else our ``Message-ID``."""
    status = getattr(message, "anymail_status", None)
    if status is None or status.message_id is None or status.message_id == "":
        return default
    return str(status.message_id)


def _by_code(code: int, reply: bytes | str) -> Failure:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    return Failure(500 <= code < 600, code in (421,), f"{code} {text}"[:400])

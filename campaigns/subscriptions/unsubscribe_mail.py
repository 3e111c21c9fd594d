"""Unsubscribe requests mailed to the ``mailto:`` of ``List-Unsubscribe`` (RFC 2369).

A mail client that offers "unsubscribe" and uses the mailto sends a message from the subscriber's address
to the unsubscribe mailbox with the subject the header proposes, ``Abmelden <channel-slug>``. Two ways in
deliver such a message here: django-anymail's inbound webhook (``campaigns.webhooks.receivers``) and the
``process_unsubscribe_mail`` command, which an MTA alias pipes each message into.

No reply is ever sent: the sender address of a mail can be forged, and an answer to a forged one would be
backscatter. The consent log records what was done instead.
"""

import logging
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from campaigns import app_settings
from campaigns.addresses import normalise_email
from campaigns.models import Channel, ConsentEvent
from campaigns.subscriptions.preferences import unsubscribe
from campaigns.subscriptions.sender_authentication import vouched_for
from campaigns.subscriptions.signup import find_subscriber

logger = logging.getLogger(__name__)

# Where a message names the mailbox it was sent to: the header recipients a client writes, and those an MTA
# prepends on delivery (Postfix's local delivery adds Delivered-To and X-Original-To).
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To")
# ``Precedence`` values of mailing-list traffic and of automatic answers (RFC 3834 section 2).
AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
# Local parts of the senders of delivery status notifications.
SYSTEM_SENDERS = {"mailer-daemon", "postmaster"}


class Outcome(models.TextChoices):
    """What became of a message sent to the unsubscribe mailbox."""

    UNSUBSCRIBED = "unsubscribed", _("Abgemeldet")
    UNKNOWN_SENDER = "unknown_sender", _("Absender ist nicht angemeldet – nichts geändert")
    AUTOMATIC = "automatic", _("Automatische Nachricht (Unzustellbarkeit, Abwesenheit) – ignoriert")
    NO_SENDER = "no_sender", _("Keine gültige Absenderadresse – ignoriert")
    NOT_FOR_MAILBOX = "not_for_mailbox", _("Nicht an das Abmelde-Postfach gerichtet – ignoriert")
    UNAUTHENTICATED = (
        "unauthenticated",
        _(
            "Absender nicht bestätigt (kein DMARC- oder passendes DKIM-Ergebnis des eigenen Mailservers) – "
            "nichts geändert"
        ),
    )


@dataclass(frozen=True)
class UnsubscribeMailResult:
    """The outcome, the sender it concerns (once known) and the slugs of the channels that ended."""

    outcome: Outcome
    address: str = ""
    channels: tuple[str, ...] = ()

    def __str__(self) -> str:
        parts = [str(self.outcome.label), self.address, ", ".join(self.channels)]
        return ": ".join(part for part in parts if part)


def handle_unsubscribe_mail(
    message: EmailMessage,
    *,
    envelope_recipient: str | None = None,
    envelope_sender: str | None = None,
    via: str = "MTA",
) -> UnsubscribeMailResult:
    """Unsubscribe the sender of ``message`` if it is a request to the unsubscribe mailbox.

    A subject naming channel slugs (``Abmelden mint-update``) ends those channels; any other subject, an
    empty one included (some clients drop it), ends all of the sender's channels, because writing to this
    mailbox at all says "no more mail". The mailbox must be named by the header recipients or by
    ``envelope_recipient`` (a Bcc, as an ESP reports it); ``envelope_sender``, when the ESP reports it,
    stands in for the ``Return-Path`` header. ``via`` (the ESP's name, or ``MTA``) goes into the consent log.

    Messages a machine wrote — bounces, vacation replies, list traffic (``Auto-Submitted`` other than
    ``no``, an empty return path, ``Precedence: bulk``/``auto_reply``, a ``MAILER-DAEMON`` or
    ``postmaster`` sender) — are ignored, so that no automatic answer ever unsubscribes anyone.

    A ``From`` header is easily forged, so the sender is unsubscribed only when the district's own receiving
    server vouches for its domain (``sender_authentication.vouched_for``: DMARC pass or aligned DKIM pass
    in an ``Authentication-Results`` of a server in ``CAMPAIGNS_TRUSTED_AUTHSERV_IDS``); otherwise nothing
    changes and the log says why. A person whose mail fails this still has the one-click link.
    """
    if not _addressed_to_mailbox(message, envelope_recipient):
        result = UnsubscribeMailResult(Outcome.NOT_FOR_MAILBOX)
    elif _is_automatic(message, envelope_sender):
        result = UnsubscribeMailResult(Outcome.AUTOMATIC)
    else:
        result = _unsubscribe_sender(message, via)
    logger.info("Unsubscribe mail via %s: %s", via, result.outcome)
    return result


def _addresses(message: EmailMessage, *headers: str, extra: str | None = None) -> set[str]:
    """The lower-cased addresses in the named headers (and in ``extra``, an envelope address)."""
    values = [str(value) for name in headers for value in message.get_all(name, [])]
    if extra:
        values.append(extra)
    return {address.lower() for _name, address in getaddresses(values) if address}


def _addressed_to_mailbox(message: EmailMessage, envelope_recipient: str | None) -> bool:
    """Whether the envelope or a header names the mailbox (an ESP's envelope may hold a routing alias)."""
    recipients = _addresses(message, *RECIPIENT_HEADERS, extra=envelope_recipient)
    return app_settings.unsubscribe_mailto().lower() in recipients


def _is_automatic(message: EmailMessage, envelope_sender: str | None) -> bool:
    """Whether a machine wrote the message (RFC 3834 markers, a null return path, a system sender)."""
    auto_submitted = str(message.get("Auto-Submitted", "no")).split(";")[0].strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return_path = envelope_sender if envelope_sender is not None else message.get("Return-Path")
    null_return_path = return_path is not None and not str(return_path).strip(" <>")
    senders = _addresses(message, "From")
    return (
        auto_submitted != "no"
        or precedence in AUTOMATIC_PRECEDENCE
        or null_return_path
        or any(sender.partition("@")[0] in SYSTEM_SENDERS for sender in senders)
    )


def _unsubscribe_sender(message: EmailMessage, via: str) -> UnsubscribeMailResult:
    senders = _addresses(message, "From")
    if len(senders) != 1:
        return UnsubscribeMailResult(Outcome.NO_SENDER)
    try:
        address = normalise_email(senders.pop())
    except ValidationError:
        return UnsubscribeMailResult(Outcome.NO_SENDER)
    if not vouched_for(message, address.rpartition("@")[2], app_settings.trusted_authserv_ids()):
        return UnsubscribeMailResult(Outcome.UNAUTHENTICATED, address)
    subscriber = find_subscriber(address)
    if subscriber is None:
        return UnsubscribeMailResult(Outcome.UNKNOWN_SENDER, address)
    words = re.findall(r"[\w-]+", str(message.get("Subject", "")).lower())
    named = list(Channel.objects.filter(slug__in=words)) or [None]
    detail = f"mailto ({via})"
    with transaction.atomic():
        ended = [
            ended_channel.slug
            for channel in named
            for ended_channel in unsubscribe(
                subscriber, channel, source=ConsentEvent.Source.EMAIL, detail=detail
            )
        ]
    return UnsubscribeMailResult(Outcome.UNSUBSCRIBED, address, tuple(ended))

"""Provider events through django-anymail's webhooks: bounces and complaints become suppressions, and
mail to the unsubscribe mailbox unsubscribes its sender.

django-anymail's own views (mounted at ``/webhooks/anymail/<esp>/tracking/``, secured with
``ANYMAIL_WEBHOOK_SECRET``) verify and normalise each ESP's events and send the ``tracking`` signal; this
receiver acts on the ones that say an address must not be mailed again. Opens and clicks an ESP reports
are ignored: measurement happens only through the engine's own consent-gated links (``campaigns.tracking``),
so an ESP's tracking must stay switched off.

anymail reports some ESPs' soft bounces (full mailbox, over quota: the ESP gave up on this message, the
address is fine) as ``bounced``, like a hard bounce; only the raw event tells them apart (``SOFT_BOUNCES``:
Postmark, Brevo, Mandrill, MailerSend, Mailjet, Amazon SES, Resend, SparkPost). They mark the delivery
undeliverable but must not suppress the address for good. Transient failures that anymail reports as
``deferred`` (Mailgun's "temporary" severity, Mailtrap's and Unisender Go's soft bounces, Postal's
"SoftFail") never reach the branches below. An ESP without an entry has every ``bounced`` taken as hard.

Inbound mail arrives at ``/webhooks/anymail/<esp>/inbound/`` (same secret) as the ``inbound`` signal; only
messages to the ``List-Unsubscribe`` mailbox are acted on (``campaigns.subscriptions.unsubscribe_mail``).
"""

from collections.abc import Callable
from typing import Any

from anymail.signals import AnymailInboundEvent, AnymailTrackingEvent, EventType, inbound, tracking
from django.core.exceptions import ValidationError
from django.dispatch import receiver

from campaigns.addresses import normalise_email
from campaigns.models import ConsentEvent, Delivery, Subscriber
from campaigns.subscriptions.preferences import unsubscribe
from campaigns.subscriptions.suppressions import record_bounce, record_complaint
from campaigns.subscriptions.unsubscribe_mail import handle_unsubscribe_mail

# SparkPost's bounce classes of category "Soft" that anymail reports as ``bounced``: 20 soft bounce, 21 DNS
# failure, 22 mailbox full, 23 too large, 24 timeout, 40 generic bounce, 70 transient failure. (60 auto-reply
# and 100 challenge-response are "Soft" too, but anymail reports them as ``autoresponded``.)
SPARKPOST_SOFT_CLASSES = {"20", "21", "22", "23", "24", "40", "70"}


def sparkpost_bounce_class(raw: dict[str, Any]) -> str | None:
    """The ``bounce_class`` of a SparkPost raw event (a string in its payloads; a number is accepted too)."""
    events = [event for event in (raw.get("msys") or {}).values() if isinstance(event, dict)]
    bounce_class = events[0].get("bounce_class") if len(events) == 1 else None
    return None if bounce_class is None else str(bounce_class)


# ESP name (as anymail spells it) -> test of its raw event (``event.esp_event``, as anymail passes it on)
# for a soft bounce that anymail calls ``bounced``. Only what the ESP itself marks as temporary is listed.
SOFT_BOUNCES: dict[str, Callable[[dict[str, Any]], bool]] = {
    # Postmark: bounce ``Type`` "SoftBounce" (its "Transient" and "DnsError" already arrive as deferred).
    "Postmark": lambda raw: raw.get("Type") == "SoftBounce",
    # Brevo (also under its old name, anymail's deprecated ``sendinblue`` URL): event "soft_bounce".
    "Brevo": lambda raw: raw.get("event") == "soft_bounce",
    "SendinBlue": lambda raw: raw.get("event") == "soft_bounce",
    # Mandrill: event "soft_bounce".
    "Mandrill": lambda raw: raw.get("event") == "soft_bounce",
    # MailerSend: activity ``data.type`` "soft_bounced" (top level ``type`` "activity.soft_bounced").
    "MailerSend": lambda raw: (raw.get("data") or {}).get("type") == "soft_bounced",
    # Mailjet: a bounce whose ``hard_bounce`` flag is false ("true if error was permanent").
    "Mailjet": lambda raw: raw.get("hard_bounce") is False,
    # Amazon SES (the SNS message, parsed): ``bounce.bounceType`` "Transient" (mailbox full, too large, ...).
    "Amazon SES": lambda raw: (raw.get("bounce") or {}).get("bounceType") == "Transient",
    # Resend (built on SES): ``data.bounce.type`` "Transient".
    "Resend": lambda raw: ((raw.get("data") or {}).get("bounce") or {}).get("type") == "Transient",
    # SparkPost: ``bounce_class`` in its "Soft" category (raw event is ``{"msys": {<class>: {...}}}``).
    "SparkPost": lambda raw: sparkpost_bounce_class(raw) in SPARKPOST_SOFT_CLASSES,
}


def is_soft_bounce(event: AnymailTrackingEvent, esp_name: str) -> bool:
    """Whether a ``bounced`` event is, by the ESP's own word, temporary."""
    is_soft = SOFT_BOUNCES.get(esp_name)
    return bool(is_soft and isinstance(event.esp_event, dict) and is_soft(event.esp_event))


@receiver(tracking, dispatch_uid="campaigns.webhooks.provider_event")
def provider_event(sender, event: AnymailTrackingEvent, esp_name: str, **kwargs) -> None:
    """Suppress on a hard bounce or complaint, unsubscribe on an unsubscribe the provider received."""
    if event.event_type not in (EventType.BOUNCED, EventType.COMPLAINED, EventType.UNSUBSCRIBED):
        return
    try:
        address = normalise_email(event.recipient or "")
    except ValidationError:
        return
    detail = f"{esp_name}: {event.description or event.reject_reason or event.event_type}"[:300]
    if event.event_type == EventType.BOUNCED:
        if event.message_id:
            Delivery.objects.filter(message_id=event.message_id).update(bounced=True)
        if not is_soft_bounce(event, esp_name):
            record_bounce(address, detail=detail)
    elif event.event_type == EventType.COMPLAINED:
        record_complaint(address, detail=detail)
    else:
        for subscriber in Subscriber.objects.for_address(address):
            unsubscribe(subscriber, source=ConsentEvent.Source.EMAIL, detail=detail)


@receiver(inbound, dispatch_uid="campaigns.webhooks.inbound_mail")
def inbound_mail(sender, event: AnymailInboundEvent, esp_name: str, **kwargs) -> None:
    """Hand received mail to the unsubscribe mailbox's handler, which ignores mail for other addresses."""
    message = event.message
    handle_unsubscribe_mail(
        message,
        envelope_recipient=message.envelope_recipient,
        envelope_sender=message.envelope_sender,
        via=esp_name,
    )

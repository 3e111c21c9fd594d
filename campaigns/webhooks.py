"""Provider events through django-anymail's webhooks: bounces and complaints become suppressions, and
mail to the unsubscribe mailbox unsubscribes its sender.

django-anymail's own views (mounted at ``/webhooks/anymail/<esp>/tracking/``, secured with
``ANYMAIL_WEBHOOK_SECRET``) verify and normalise each ESP's events and send the ``tracking`` signal; this
receiver acts on the ones that say an address must not be mailed again. Opens and clicks an ESP reports
are ignored: measurement happens only through the engine's own consent-gated links (``campaigns.tracking``),
so an ESP's tracking must stay switched off.

anymail reports some ESPs' soft bounces (full mailbox, over quota: the ESP gave up on this message, the
address is fine) as ``bounced``, like a hard bounce; only the raw event tells them apart. They mark the
delivery undeliverable but must not suppress the address for good. (Transient failures that anymail
reports as ``deferred`` never reach the branches below.)

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

# ESP name (as anymail spells it) -> test of its raw event for a soft bounce anymail calls ``bounced``.
SOFT_BOUNCES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "Postmark": lambda raw: raw.get("Type") == "SoftBounce",
    "Brevo": lambda raw: raw.get("event") == "soft_bounce",
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

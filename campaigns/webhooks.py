"""Provider events through django-anymail's tracking webhooks: bounces and complaints become suppressions.

django-anymail's own views (mounted at ``/webhooks/anymail/<esp>/tracking/``, secured with
``ANYMAIL_WEBHOOK_SECRET``) verify and normalise each ESP's events and send the ``tracking`` signal; this
receiver acts on the ones that say an address must not be mailed again. Opens and clicks are ignored: the
engine keeps no per-person tracking data.
"""

from anymail.signals import AnymailTrackingEvent, EventType, tracking
from django.core.exceptions import ValidationError
from django.dispatch import receiver

from campaigns.addresses import normalise_email
from campaigns.models import ConsentEvent, Delivery, Subscriber
from campaigns.subscriptions.preferences import unsubscribe
from campaigns.subscriptions.suppressions import record_bounce, record_complaint


@receiver(tracking, dispatch_uid="campaigns.webhooks.provider_event")
def provider_event(sender, event: AnymailTrackingEvent, esp_name: str, **kwargs) -> None:
    """Suppress on a bounce or complaint, unsubscribe on an unsubscribe the provider received."""
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
        record_bounce(address, detail=detail)
    elif event.event_type == EventType.COMPLAINED:
        record_complaint(address, detail=detail)
    else:
        for subscriber in Subscriber.objects.for_address(address):
            unsubscribe(subscriber, source=ConsentEvent.Source.EMAIL, detail=detail)

"""Bounces and complaints: the address is suppressed and every subscription of it stops.

The campaign engine calls these when a delivery fails permanently or a provider reports a complaint. The
suppression is a hash, so it outlives an erasure of the subscriber; sign-ups and imports of a suppressed
address are ignored without telling anyone.
"""

from django.db import transaction

from campaigns.addresses import normalise_email
from campaigns.models import ConsentEvent, Subscriber, Subscription, Suppression
from campaigns.subscriptions.consent_log import record

Event = ConsentEvent.Event
Status = Subscription.Status


def _stop(address: str, reason: str, status: str, event: str, detail: str) -> Suppression:
    normalised = normalise_email(address)
    with transaction.atomic():
        suppression = Suppression.suppress(normalised, reason)
        for subscriber in Subscriber.objects.for_address(normalised):
            subscriptions = subscriber.subscriptions.select_related("channel").filter(
                status__in=[Status.ACTIVE, Status.PENDING]
            )
            for subscription in subscriptions:
                subscription.status = status
                subscription.save(update_fields=["status"])
                record(
                    subscriber,
                    event,
                    source=ConsentEvent.Source.EMAIL,
                    channel=subscription.channel,
                    detail=detail,
                )
    return suppression


def record_bounce(address: str, *, detail: str = "") -> Suppression:
    """A hard bounce: suppress the address and mark its subscriptions *bounced*."""
    return _stop(address, Suppression.Reason.HARD_BOUNCE, Status.BOUNCED, Event.BOUNCED, detail)


def record_complaint(address: str, *, detail: str = "") -> Suppression:
    """A spam complaint: suppress the address and mark its subscriptions *complained*."""
    return _stop(address, Suppression.Reason.COMPLAINT, Status.COMPLAINED, Event.COMPLAINED, detail)

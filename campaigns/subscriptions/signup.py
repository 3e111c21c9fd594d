"""Double opt-in: a sign-up request creates pending subscriptions and a confirmation mail; the click confirms.

The request answers nothing about the address (the caller shows the same message whatever happened), so
the form and the API cannot be used to find out who is subscribed. A suppressed address is silently left
alone; a repeated request within the cool-down sends no second mail.
"""

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from campaigns import app_settings
from campaigns.addresses import check_email
from campaigns.models import Channel, ConsentEvent, ConsentText, Subscriber, Subscription, Suppression
from campaigns.subscriptions.confirmation_mail import queue_confirmation
from campaigns.subscriptions.consent_log import record
from campaigns.subscriptions.facets import Facets

Event = ConsentEvent.Event
Status = Subscription.Status


def find_subscriber(address: str) -> Subscriber | None:
    """The subscriber with this (normalised) address in any case of the local part."""
    return Subscriber.objects.for_address(address).first()


def get_or_create_subscriber(address: str, facets: Facets | None = None) -> tuple[Subscriber, bool]:
    """The subscriber for a normalised address, created with ``facets`` if new; safe against a race."""
    subscriber = find_subscriber(address)
    if subscriber is not None:
        return subscriber, False
    try:
        with transaction.atomic():
            return (facets or Facets()).create_subscriber(address), True
    except IntegrityError:  # a concurrent request created it first
        return Subscriber.objects.for_address(address).get(), False


def claim_confirmation_mail(subscriber: Subscriber, now: datetime | None = None) -> bool:
    """Take the right to send a confirmation mail now; False while the cool-down of the last one runs.

    A conditional UPDATE, so two concurrent requests for one address cannot both win.
    """
    now = now or timezone.now()
    cooled_down = Q(last_confirmation_sent_at__isnull=True) | Q(
        last_confirmation_sent_at__lte=now - app_settings.confirmation_cooldown()
    )
    claimed = Subscriber.objects.filter(cooled_down, pk=subscriber.pk).update(last_confirmation_sent_at=now)
    return claimed == 1


def request_pending(
    subscriber: Subscriber,
    channels: Sequence[Channel],
    *,
    source: str,
    event: str = Event.REQUESTED,
    consent_text: ConsentText | None = None,
    legal_basis: str = "",
    ip_address: str | None = None,
    detail: str = "",
) -> list[Channel]:
    """Put the channels the subscriber does not receive yet into *pending* and log the request.

    Returns the channels now pending. Active subscriptions stay active; unsubscribed, bounced or
    complained ones need a new confirmation.
    """
    pending = []
    for channel in channels:
        subscription, _created = Subscription.objects.get_or_create(subscriber=subscriber, channel=channel)
        if subscription.status == Status.ACTIVE:
            continue
        if subscription.status != Status.PENDING:
            subscription.status = Status.PENDING
            subscription.unsubscribed_at = None
            subscription.save(update_fields=["status", "unsubscribed_at"])
        record(
            subscriber,
            event,
            source=source,
            channel=channel,
            consent_text=consent_text,
            legal_basis=legal_basis,
            ip_address=ip_address,
            detail=detail,
        )
        pending.append(channel)
    return pending


def request_subscription(
    email: str,
    channels: Sequence[Channel],
    facets: Facets,
    *,
    source: str,
    consent_text: ConsentText,
    ip_address: str | None = None,
) -> None:
    """Record a sign-up for ``channels`` and have a confirmation mail sent (double opt-in).

    ``email`` is normalised here (``ValidationError`` for a malformed one; callers validate first).
    The facets are stored for a new subscriber and for one who has not confirmed anything yet; an active
    subscriber's facets are not changed by an unauthenticated request (the preference centre does that).
    Returns nothing on purpose: no caller can tell a new address from a known or suppressed one.
    """
    if not channels:
        raise ValueError("A sign-up needs at least one channel.")
    address = check_email(email)
    if Suppression.objects.is_suppressed(address):
        return
    with transaction.atomic():
        subscriber, created = get_or_create_subscriber(address, facets)
        if not created and not subscriber.subscriptions.filter(status=Status.ACTIVE).exists():
            facets.apply_to(subscriber)
        pending = request_pending(
            subscriber, channels, source=source, consent_text=consent_text, ip_address=ip_address
        )
        if pending and claim_confirmation_mail(subscriber):
            queue_confirmation(subscriber.pk)


def confirm(subscriber: Subscriber, *, source: str, ip_address: str | None = None) -> list[Channel]:
    """Activate the subscriber's pending subscriptions (the click on the link); return those channels.

    Idempotent: a second click confirms nothing new. Each confirmation refers to the consent text of the
    request it confirms. A suppressed address is not activated.
    """
    if Suppression.objects.is_suppressed(subscriber.email):
        return []
    now = timezone.now()
    confirmed = []
    with transaction.atomic():
        pending = (
            Subscription.objects.select_for_update()
            .select_related("channel")
            .filter(subscriber=subscriber, status=Status.PENDING)
        )
        for subscription in pending:
            subscription.status = Status.ACTIVE
            subscription.confirmed_at = now
            subscription.save(update_fields=["status", "confirmed_at"])
            request = (
                ConsentEvent.objects.filter(
                    subscriber=subscriber,
                    channel=subscription.channel,
                    event__in=[Event.REQUESTED, Event.IMPORTED],
                )
                .order_by("-created_at", "-pk")
                .first()
            )
            record(
                subscriber,
                Event.CONFIRMED,
                source=source,
                channel=subscription.channel,
                consent_text=request.consent_text if request else None,
                ip_address=ip_address,
            )
            confirmed.append(subscription.channel)
    return confirmed

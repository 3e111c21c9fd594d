"""Double opt-in: a sign-up is stored as a request, a worker processes it, the click in the mail confirms it.

The public form and the API do the same work for every address — store the request, queue its processing
— and answer the same, so neither the answer nor its timing tells a new address from a pending, active or
suppressed one. The worker then finds or creates the subscriber, logs the request, puts channels the person
does not have yet into *pending* and sends the confirmation mail (at most one per cool-down). Nothing about an
existing person changes before they confirm this request from their mailbox; the confirmation applies this
request's facets and channels and cites this request in the consent log. A person under 16 needs a parent
or guardian to confirm as well, by a second mail to the address they gave (GDPR Art. 8).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from campaigns import app_settings
from campaigns.addresses import check_email
from campaigns.models import (
    Channel,
    ConsentEvent,
    ConsentText,
    SignupRequest,
    Subscriber,
    Subscription,
    Suppression,
)
from campaigns.subscriptions.confirmation_mail import GUARDIAN_TASK, SEND_TASK, send_confirmation
from campaigns.subscriptions.consent_log import record
from campaigns.subscriptions.facets import Facets
from campaigns.subscriptions.outbox import enqueue
from campaigns.subscriptions.signals import subscription_activated
from page_types.translations import default_language

Event = ConsentEvent.Event
Status = Subscription.Status
Waiting = SignupRequest.Status
PROCESS_TASK = "campaigns.subscriptions.signup.process_signup"


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


def claim_confirmation_mail(
    subscriber: Subscriber, now: datetime | None = None, *, fresh: bool = False
) -> bool:
    """Take the right to send the subscriber a mail asked for without a login now (a confirmation, a fresh
    link); False while the cool-down of the last one runs, unless the mail is for a ``fresh`` channel.

    A conditional UPDATE, so two concurrent requests for one address cannot both win.
    """
    now = now or timezone.now()
    cooled_down = Q(last_confirmation_sent_at__isnull=True) | Q(
        last_confirmation_sent_at__lte=now - app_settings.confirmation_cooldown()
    )
    if fresh:
        cooled_down = Q()
    claimed = Subscriber.objects.filter(cooled_down, pk=subscriber.pk).update(last_confirmation_sent_at=now)
    return claimed == 1


def request_subscription(
    email: str,
    channels: Sequence[Channel],
    facets: Facets,
    *,
    source: str,
    consent_text: ConsentText,
    ip_address: str | None = None,
    at_least_16: bool | None = None,
    guardian_email: str = "",
) -> None:
    """Store a sign-up for ``channels`` and queue its processing (double opt-in).

    ``email`` is checked here (``ValidationError``; callers validate first). Returns nothing on purpose,
    and does the same whatever the address: no caller can tell a new address from a known or suppressed
    one. ``at_least_16`` is asked of pupils; ``False`` needs ``guardian_email``.
    """
    if not channels:
        raise ValueError("A sign-up needs at least one channel.")
    if at_least_16 is False and not guardian_email:
        raise ValueError("A sign-up under 16 needs a parent's or guardian's address.")
    with transaction.atomic():
        request = SignupRequest.objects.create(
            email=check_email(email),
            channel_ids=[channel.pk for channel in channels],
            facets=facets.as_slugs(),
            consent_text=consent_text,
            source=source,
            language=get_language() or "",
            ip_address=ip_address,
            at_least_16=at_least_16,
            guardian_email=check_email(guardian_email) if guardian_email else "",
        )
        if app_settings.queue_confirmation_mails():
            enqueue(PROCESS_TASK, request.pk)
        elif register(request.pk):
            enqueue(SEND_TASK, request.pk)


def process_signup(request_id: int) -> None:
    """The worker's part of a sign-up: ``register`` it, then send its confirmation mail if one is due.

    A failed mail raises for the worker's retry, which finds the request registered and tries the mail
    again.
    """
    if register(request_id):
        send_confirmation(request_id)


def register(
    request_id: int, *, event: str = Event.REQUESTED, legal_basis: str = "", detail: str = ""
) -> bool:
    """Process a stored request once; return whether its confirmation mail is due now (cool-down taken).

    A suppressed address, or one that already receives every channel asked for, leaves nothing behind.
    Otherwise the subscriber is found (or created with the request's facets), channels without a
    subscription become *pending*, and the request is logged per channel (``event``: requested, or
    imported with ``legal_basis``). Existing subscriptions and facets stay as they are until confirmation.
    """
    with transaction.atomic():
        request = SignupRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None or request.status == Waiting.AWAITING_GUARDIAN:
            return False
        fresh = False
        if request.status == Waiting.RECEIVED:
            opened = _open(request, event, legal_basis, detail)
            if opened is None:
                return False
            # A reader who already receives a newsletter and adds a channel gets its confirmation mail even
            # within the cool-down, or adding one later would go quiet. The cool-down still holds for
            # repeated sign-ups and for addresses nobody has confirmed yet (a stranger cannot flood them),
            # and a channel is fresh only once: afterwards it waits.
            fresh = bool(opened) and request.subscriber.subscriptions.filter(status=Status.ACTIVE).exists()
        return claim_confirmation_mail(request.subscriber, fresh=fresh)


def _open(request: SignupRequest, event: str, legal_basis: str, detail: str) -> list[Channel] | None:
    """Log the request and make its channels pending; return the channels that were not waiting for a
    confirmation yet (``None`` when nothing is left to do and the request is gone)."""
    if Suppression.objects.is_suppressed(request.email):
        request.delete()
        return None
    subscriber, _created = get_or_create_subscriber(request.email, Facets.from_slugs(request.facets))
    existing = {subscription.channel_id: subscription for subscription in subscriber.subscriptions.all()}
    # The texts: the consent wording names each chosen channel as the form showed it, once per event.
    channels = Channel.objects.filter(pk__in=request.channel_ids).prefetch_related("texts")
    requested = list(channels.order_by("sort_order", "pk"))
    wanted = [
        channel for channel in requested if getattr(existing.get(channel.pk), "status", None) != Status.ACTIVE
    ]
    if not wanted:
        request.delete()
        return None
    if request.needs_guardian:
        detail = "; ".join(filter(None, [detail, _("unter 16 Jahre: Zustimmung der Eltern nötig")]))
    for channel in wanted:
        if channel.pk not in existing:  # get_or_create: a concurrent request may have created it meanwhile
            Subscription.objects.get_or_create(
                subscriber=subscriber, channel=channel, defaults={"status": Status.PENDING}
            )
        with override(request.language or default_language()):  # the wording as the form showed it
            record(
                subscriber,
                event,
                source=request.source,
                channel=channel,
                consent_text=request.consent_text,
                legal_basis=legal_basis,
                ip_address=request.ip_address,
                detail=detail,
                signup_request=request,
                chosen=requested,
            )
    request.subscriber = subscriber
    request.status = Waiting.OPEN
    request.save(update_fields=["subscriber", "status"])
    return [c for c in wanted if getattr(existing.get(c.pk), "status", None) != Status.PENDING]


@dataclass(frozen=True)
class Confirmation:
    """What a click on a confirmation link did: the channels it started, or that a parent must agree."""

    activated: list[Channel] = field(default_factory=list)
    awaiting_guardian: bool = False


def pending_request(
    subscriber: Subscriber, request_id: int, status: str = Waiting.OPEN
) -> SignupRequest | None:
    """The subscriber's request ``request_id`` if it still waits in ``status``."""
    return subscriber.signup_requests.filter(pk=request_id, status=status).first()


def confirm(
    subscriber: Subscriber, request_id: int, *, source: str, ip_address: str | None = None
) -> Confirmation:
    """Confirm the request a confirmation link names (the click on its button).

    Applies the request's facets and starts its channels, each confirmation citing the request event it
    confirms; for a person under 16 it asks a parent instead and starts nothing yet. Idempotent: a second
    click, or a click after the person left, confirms nothing. A suppressed address is not activated.
    """
    if Suppression.objects.is_suppressed(subscriber.email):
        return Confirmation()
    with transaction.atomic():
        request = pending_request(subscriber, request_id)
        if request is None:
            return Confirmation()
        Facets.from_slugs(request.facets).apply_to(subscriber)
        if request.needs_guardian:
            for requested in request.requested_events():
                record(
                    subscriber,
                    Event.CONFIRMED,
                    source=source,
                    channel=requested.channel,
                    consent_text=requested.consent_text,
                    ip_address=ip_address,
                    detail=_("durch die angemeldete Person; aktiv erst nach Zustimmung der Eltern"),
                    confirms=requested,
                )
            request.status = Waiting.AWAITING_GUARDIAN
            request.save(update_fields=["status"])
            enqueue(GUARDIAN_TASK, request.pk)
            return Confirmation(awaiting_guardian=True)
        return Confirmation(_activate(subscriber, request, Event.CONFIRMED, source, ip_address))


def confirm_as_guardian(
    subscriber: Subscriber, request_id: int, *, source: str, ip_address: str | None = None
) -> Confirmation:
    """A parent's or guardian's agreement to a request its person confirmed: the channels start."""
    if Suppression.objects.is_suppressed(subscriber.email):
        return Confirmation()
    with transaction.atomic():
        request = pending_request(subscriber, request_id, Waiting.AWAITING_GUARDIAN)
        if request is None:
            return Confirmation()
        detail = _("Zustimmung der Eltern über %(address)s") % {"address": request.guardian_email}
        return Confirmation(
            _activate(subscriber, request, Event.GUARDIAN_CONFIRMED, source, ip_address, detail)
        )


def _activate(
    subscriber: Subscriber,
    request: SignupRequest,
    event: str,
    source: str,
    ip_address: str | None,
    detail: str = "",
) -> list[Channel]:
    now = timezone.now()
    activated = []
    for requested in request.requested_events():
        subscription, _created = Subscription.objects.select_for_update().get_or_create(
            subscriber=subscriber, channel=requested.channel
        )
        if subscription.status == Status.ACTIVE:
            continue
        subscription.status = Status.ACTIVE
        subscription.confirmed_at = now
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
        record(
            subscriber,
            event,
            source=source,
            channel=requested.channel,
            consent_text=requested.consent_text,
            ip_address=ip_address,
            detail=detail,
            confirms=requested,
        )
        subscription_activated.send(sender=Subscription, subscription=subscription)
        activated.append(requested.channel)
    request.delete()
    return activated

"""Data subject rights: export everything about a subscriber (GDPR Art. 15/20) and erase it (Art. 17).

Erasure keeps only what may and must outlive the person's data: the hashed suppression (so the address is
never mailed or imported again) and anonymous counts — the consent events lose their link to the person,
their address hash, client address and details, but still say what happened on which channel and when; the
deliveries keep their status and only the reply codes of their errors (a server's reply names the address:
``550 5.1.1 <x@y>: Recipient address rejected``).
Unconfirmed sign-ups are removed after a retention period without anyone asking (data minimisation).
"""

import json
import re
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpResponse
from django.utils import timezone

from campaigns import app_settings
from campaigns.addresses import email_hash
from campaigns.models import ConsentEvent, Delivery, SignupRequest, Subscriber, Subscription, Suppression

# The SMTP reply code and enhanced status code (RFC 3463) at the start of a delivery's error: all of it that
# erasure keeps.
REPLY_CODES = re.compile(r"\s*\d{3}(?:[ -]\d\.\d{1,3}\.\d{1,3})?")

# Relations exported in their own, documented shape; any other relation (deliveries, …) is exported
# generically, so data that other parts of the project attach to a subscriber is never left out.
DESCRIBED_RELATIONS = {"subscriptions", "consent_events"}


def _slugs(terms) -> list[str]:
    return [term.slug for term in terms.all()]


def _row(instance: models.Model, exclude: str) -> dict[str, Any]:
    return {
        field.attname: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if field.name != exclude
    }


def _other_relations(subscriber: Subscriber) -> dict[str, list]:
    data = {}
    for relation in Subscriber._meta.related_objects:
        accessor = relation.get_accessor_name()
        if accessor in DESCRIBED_RELATIONS:
            continue
        related = relation.related_model._default_manager.filter(**{relation.field.name: subscriber})
        if relation.many_to_many:
            data[accessor] = [{"id": obj.pk, "label": str(obj)} for obj in related]
        else:
            data[accessor] = [_row(obj, exclude=relation.field.name) for obj in related]
    return data


def export_subscriber(subscriber: Subscriber) -> dict[str, Any]:
    """All stored data about the subscriber as JSON-ready values: facets, subscriptions, consent log, …"""
    events = subscriber.consent_events.select_related("channel", "consent_text")
    data = {
        "exported_at": timezone.now(),
        "subscriber": {
            "email": subscriber.email,
            "name": subscriber.name,
            "language": subscriber.language,
            "role": subscriber.role,
            "municipality": subscriber.municipality.slug if subscriber.municipality else None,
            "grade_bands": _slugs(subscriber.grade_bands),
            "subjects": _slugs(subscriber.subjects),
            "interests": _slugs(subscriber.interests),
            "topics": _slugs(subscriber.topics),  # the choice before interests, kept until it is dropped
            "tracking_consent": subscriber.tracking_consent,
            "created_at": subscriber.created_at,
            "updated_at": subscriber.updated_at,
            "last_confirmation_sent_at": subscriber.last_confirmation_sent_at,
        },
        "subscriptions": [
            {
                "channel": subscription.channel.slug,
                "status": subscription.status,
                "created_at": subscription.created_at,
                "confirmed_at": subscription.confirmed_at,
                "unsubscribed_at": subscription.unsubscribed_at,
            }
            for subscription in subscriber.subscriptions.select_related("channel").order_by("created_at")
        ],
        "consent_log": [
            {
                "event": event.event,
                "at": event.created_at,
                "channel": event.channel.slug if event.channel else None,
                "source": event.source,
                "consent_text_version": event.consent_text.version if event.consent_text else None,
                "consent_text": event.consent_text.text if event.consent_text else None,
                "consent_wording": event.wording or None,
                "legal_basis": event.legal_basis,
                "ip_address": event.ip_address,
                "detail": event.detail,
            }
            for event in events
        ],
        "suppressed": Suppression.objects.is_suppressed(subscriber.email),
        **_other_relations(subscriber),
    }
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def export_json(subscriber: Subscriber) -> str:
    """The export as readable JSON text (what the command prints and the downloads hold)."""
    return json.dumps(export_subscriber(subscriber), ensure_ascii=False, indent=2)


def export_download(subscriber: Subscriber, filename: str) -> HttpResponse:
    """The export as a JSON file to save: for the admin and for the person in their preference centre."""
    response = HttpResponse(export_json(subscriber), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def reply_codes(error: str) -> str:
    """What of a delivery's error survives erasure: its leading reply codes, never the server's text."""
    codes = REPLY_CODES.match(error)
    return codes.group(0).strip() if codes else ""


def strip_replies(deliveries: QuerySet[Delivery]) -> None:
    """Cut the deliveries' stored server replies down to their codes (the text may name the address)."""
    for delivery in deliveries.exclude(error=""):
        delivery.error = reply_codes(delivery.error)
        delivery.save(update_fields=["error"])


def erase_subscriber(subscriber: Subscriber, *, source: str, suppress: bool = True) -> None:
    """Remove the subscriber's personal data; keep the hashed suppression and anonymous counts.

    ``suppress=False`` (retention of people who left) keeps the address free to sign up again; a bounce or
    complaint keeps its own suppression either way.
    """
    address = subscriber.email
    with transaction.atomic():
        strip_replies(Delivery.objects.filter(subscriber=subscriber))
        if suppress:
            Suppression.suppress(address, Suppression.Reason.ERASED)
        # Its own requests go with the subscriber; this removes those of the address not processed yet.
        SignupRequest.objects.filter(email__iexact=address).delete()
        subscriber.delete()  # campaigns.signal_handlers anonymise the consent log and the admin log
        ConsentEvent.objects.create(
            email_hash=email_hash(address), event=ConsentEvent.Event.ERASED, source=source
        )


def purge_pending_subscribers(now: datetime | None = None) -> int:
    """Remove sign-ups that were never confirmed within the retention period; return how many subscribers.

    Sign-up requests older than the period go too, whoever they were for.
    """
    cutoff = (now or timezone.now()) - app_settings.pending_retention()
    SignupRequest.objects.filter(created_at__lt=cutoff).delete()
    ever_confirmed = Subscription.objects.filter(subscriber=OuterRef("pk")).exclude(
        status=Subscription.Status.PENDING
    )
    stale = Subscriber.objects.filter(created_at__lt=cutoff).exclude(Exists(ever_confirmed))
    stale = stale.exclude(last_confirmation_sent_at__gte=cutoff)
    _total, per_model = stale.delete()
    return per_model.get(Subscriber._meta.label, 0)

"""Resolving a measured link and counting opens and clicks.

A measured link names a subscriber and a campaign (the signed token) and a link number; it resolves to the
destination stored with the subscriber's variant, never to a URL taken from the request, so the redirect
cannot be abused to send people anywhere else. Counting checks consent at the moment of the open or click:
a withdrawal, or a channel switched off, takes effect for mails already sent.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from campaigns import app_settings
from campaigns.models import Campaign, Channel, Delivery, Subscriber, TrackingEvent
from campaigns.tokens import InvalidToken, read_tracking_token

MAX_TOKEN_LENGTH = 500


class UnknownLink(Exception):
    """The token is invalid, or names no measured mail, or the mail has no link of that number."""


@dataclass(frozen=True)
class MeasuredMail:
    """The campaign and subscriber a measured link belongs to, and its variant's link destinations."""

    campaign: Campaign
    subscriber: Subscriber
    links: tuple[str, ...]

    def destination(self, number: int) -> str:
        """The URL of link ``number`` (from 1) in this mail, or ``UnknownLink``."""
        if not 1 <= number <= len(self.links):
            raise UnknownLink(number)
        return self.links[number - 1]


def is_measured(channel: Channel, subscriber: Subscriber) -> bool:
    """Whether the subscriber's opens and clicks on this channel may be measured now: the channel allows
    it and the subscriber consents."""
    return channel.tracking_enabled and subscriber.tracking_consent


def measured_mail(token: str) -> MeasuredMail:
    """The mail a measured link's token belongs to, or ``UnknownLink``."""
    try:
        if len(token) > MAX_TOKEN_LENGTH:
            raise InvalidToken("too long")
        subscriber, campaign_id = read_tracking_token(token)
    except InvalidToken as error:
        raise UnknownLink(str(error)) from error
    delivery = (
        Delivery.objects.select_related("campaign__channel", "variant")
        .filter(campaign_id=campaign_id, subscriber=subscriber, variant__tracked=True)
        .first()
    )
    if delivery is None:
        raise UnknownLink("no measured mail")
    return MeasuredMail(delivery.campaign, subscriber, tuple(delivery.variant.links))


def record(mail: MeasuredMail, kind: str, link: int = 0) -> bool:
    """Count an open (``link`` 0) or a click on link ``link``; return whether anything was recorded.

    Nothing is recorded unless the channel allows measurement and the subscriber consents *now* (both
    were read with the token in this request, not when the mail was sent). One row
    per campaign, subscriber, kind and link holds the first time and a counter — no address, no user agent.
    """
    if not is_measured(mail.campaign.channel, mail.subscriber):
        return False
    key = {"campaign": mail.campaign, "subscriber": mail.subscriber, "kind": kind, "link": link}
    if TrackingEvent.objects.filter(**key).update(count=F("count") + 1):
        return True
    try:
        with transaction.atomic():
            TrackingEvent.objects.create(**key)
    except IntegrityError:  # another request created the row in the meantime
        TrackingEvent.objects.filter(**key).update(count=F("count") + 1)
    return True


def purge_expired_events(now: datetime | None = None) -> int:
    """Delete the measured opens and clicks of campaigns whose dispatch ended longer ago than the retention
    period (``CAMPAIGNS_TRACKING_RETENTION_DAYS``); return how many rows went."""
    cutoff = (now or timezone.now()) - timedelta(days=app_settings.tracking_retention_days())
    deleted, _ = TrackingEvent.objects.filter(campaign__finished_at__lt=cutoff).delete()
    return deleted

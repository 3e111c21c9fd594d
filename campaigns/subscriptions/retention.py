"""Retention by law, by default: personal data is kept no longer than its purpose needs (GDPR Art. 5(1)(e)).

``purge_expired_data`` runs daily (the schedule ``campaigns-purge-expired``, created by a migration) and
applies every period of ``campaigns.app_settings``:

* people who left every channel (``erase_departed``): erased ``CAMPAIGNS_LEFT_RETENTION_DAYS`` after they
  left — without a suppression, so they may come back — or ``CAMPAIGNS_BOUNCED_RETENTION_DAYS`` after
  the bounce or complaint that ended their last subscription (that suppression stays);
* the client addresses in the consent log, after ``CAMPAIGNS_CONSENT_IP_RETENTION_DAYS``;
* deliveries, anonymised ``CAMPAIGNS_DELIVERY_RETENTION_DAYS`` after their issue's dispatch ended;
* background task results and failures, after ``CAMPAIGNS_TASK_LOG_RETENTION_DAYS``.

Unconfirmed sign-ups and measured opens and clicks have their own daily purges
(``purge_pending_subscribers``, ``purge_expired_events``). ``erase_departed`` is the one rule for people
who left: other modules call it rather than deciding on their own.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django_q.models import Task

from campaigns import app_settings
from campaigns.models import Campaign, ConsentEvent, Delivery, Subscriber, Subscription
from campaigns.subscriptions.gdpr import erase_subscriber, strip_replies

Status = Subscription.Status
Event = ConsentEvent.Event
STAYING = [Status.ACTIVE, Status.PENDING]
BOUNCES = [Status.BOUNCED, Status.COMPLAINED]
LEAVING_EVENTS = [Event.UNSUBSCRIBED, Event.BOUNCED, Event.COMPLAINED]


@dataclass
class PurgeResult:
    erased: int = 0
    ip_addresses: int = 0
    deliveries: int = 0
    tasks: int = 0


def departed(now: datetime | None = None) -> list[Subscriber]:
    """The subscribers whose retention after leaving every channel has ended.

    Left means: subscriptions exist, none is active or pending. They left when the last of their leaving
    events (unsubscribed, bounced, complained) was logged, or their last subscription ended.
    """
    now = now or timezone.now()
    staying = Subscription.objects.filter(subscriber=OuterRef("pk"), status__in=STAYING)
    not_bounced = Subscription.objects.filter(subscriber=OuterRef("pk")).exclude(status__in=BOUNCES)
    candidates = (
        Subscriber.objects.filter(subscriptions__isnull=False)
        .exclude(Exists(staying))
        .annotate(
            left_at=Max("consent_events__created_at", filter=Q(consent_events__event__in=LEAVING_EVENTS)),
            ended_at=Max("subscriptions__unsubscribed_at"),
            only_bounced=~Exists(not_bounced),
        )
        .distinct()
    )
    left_cutoff = now - app_settings.left_retention()
    bounced_cutoff = now - app_settings.bounced_retention()
    result = []
    for subscriber in candidates:
        left = max(filter(None, [subscriber.left_at, subscriber.ended_at]), default=None)
        cutoff = bounced_cutoff if subscriber.only_bounced else left_cutoff
        if left is not None and left < cutoff:
            result.append(subscriber)
    return result


def erase_departed(now: datetime | None = None) -> int:
    """Erase the personal data of everyone ``departed`` returns; return how many."""
    people = departed(now)
    for subscriber in people:
        erase_subscriber(subscriber, source=ConsentEvent.Source.RETENTION, suppress=False)
    return len(people)


def forget_consent_ip_addresses(now: datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - app_settings.consent_ip_retention()
    return ConsentEvent.objects.filter(created_at__lt=cutoff).forget_ip_addresses()


def anonymise_deliveries(now: datetime | None = None) -> int:
    """Detach the deliveries of issues finished before the period from their recipients."""
    cutoff = (now or timezone.now()) - app_settings.delivery_retention()
    old = Delivery.objects.filter(campaign__finished_at__lt=cutoff, subscriber__isnull=False).exclude(
        campaign__status=Campaign.Status.SENDING
    )
    strip_replies(old)
    return old.update(subscriber=None, message_id="", lease_token="")


def purge_task_log(now: datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - app_settings.task_log_retention()
    _total, per_model = Task.objects.filter(stopped__lt=cutoff).delete()
    return sum(per_model.values())


def purge_expired_data(now: datetime | None = None) -> PurgeResult:
    """Apply every retention period once (the daily task)."""
    now = now or timezone.now()
    return PurgeResult(
        erased=erase_departed(now),
        ip_addresses=forget_consent_ip_addresses(now),
        deliveries=anonymise_deliveries(now),
        tasks=purge_task_log(now),
    )

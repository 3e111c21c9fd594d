"""The sweeper: a periodic task that keeps campaigns moving whatever happened to the workers.

It frees the deliveries of leases that expired (their worker died or hung) — a delivery that keeps taking
its worker down counts as failing from then on — fails those past the retry horizon, prepares campaigns
whose preparation was interrupted, queues batches for campaigns that have due work but no live worker
(after retries fall due, or after a crash), and marks finished campaigns sent.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import app_settings
from campaigns.models import Campaign, Delivery
from campaigns.sending import control, hold

Status = Delivery.Status


@dataclass
class SweepResult:
    requeued: int = 0
    exhausted: int = 0
    restarted: int = 0
    dispatched: int = 0
    finished: int = 0


def sweep() -> SweepResult:
    now = timezone.now()
    result = SweepResult()
    if hold.is_held(now):  # after a restore: nothing moves until resume_sending
        return result
    sending = Campaign.objects.filter(status=Campaign.Status.SENDING)
    result.requeued = Delivery.objects.filter(
        campaign__in=sending, status=Status.SENDING, claimed_until__lt=now
    ).update(
        status=Status.QUEUED,
        lease_token="",
        claimed_until=None,
        failing_since=Coalesce("failing_since", Value(now)),
    )
    result.exhausted = Delivery.objects.filter(
        campaign__in=sending, status=Status.QUEUED, failing_since__lte=now - app_settings.retry_horizon()
    ).update(status=Status.FAILED, error=_("Wiederholungsfrist abgelaufen (Abbruch während des Versands)"))
    stale_start = now - timedelta(seconds=app_settings.lease_seconds())
    for campaign in sending.filter(prepared_at__isnull=True, started_at__lt=stale_start):
        control.send_now(campaign)
        result.restarted += 1
    for campaign in sending.filter(prepared_at__isnull=False):
        live = Delivery.objects.filter(campaign=campaign, status=Status.SENDING, claimed_until__gte=now)
        if not campaign.paused and control.has_due_work(campaign.pk) and not live.exists():
            control.dispatch(campaign.pk)
            result.dispatched += 1
        elif control.finish_if_done(campaign.pk):
            result.finished += 1
    return result

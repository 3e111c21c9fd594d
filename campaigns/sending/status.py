"""The state of sending at a glance, for the admin's "Versand-Status" page and the metrics endpoint.

Workers are alive when the sweeper, which the cluster runs every minute, succeeded lately: its last success
is the cluster's heartbeat. Beside it: the task queue's length, the issues being sent (and paused), the
deliveries by status, how long the oldest due delivery has been waiting, what was sent in the last five
minutes, bounces and complaints, and the last error.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import Failure, Success

from campaigns.models import Campaign, Delivery, Suppression

SWEEP_TASK = "campaigns.tasks.sweep"
# The sweeper runs every minute; three missed runs mean no cluster is working.
HEARTBEAT_LIMIT = timedelta(minutes=3)
RATE_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True)
class SendingStatus:
    heartbeat: datetime | None
    workers_alive: bool
    queued_tasks: int
    sending: list[Campaign]
    deliveries: dict[str, int]
    oldest_due_seconds: float
    sent_per_second: float
    bounces: int
    complaints: int
    last_error: str
    last_error_at: datetime | None


def sending_status(now: datetime | None = None) -> SendingStatus:
    """Gather the figures (a handful of aggregate queries)."""
    now = now or timezone.now()
    sweeps = Success.objects.filter(func=SWEEP_TASK).order_by("-stopped")
    heartbeat = sweeps.values_list("stopped", flat=True).first()
    counts = dict(Delivery.objects.values_list("status").annotate(n=Count("pk")).order_by())
    oldest_due = Delivery.objects.filter(
        status=Delivery.Status.QUEUED,
        next_attempt_at__lte=now,
        campaign__status=Campaign.Status.SENDING,
        campaign__paused=False,
    ).aggregate(first=Min("next_attempt_at"))["first"]
    sent_lately = Delivery.objects.filter(status=Delivery.Status.SENT, sent_at__gte=now - RATE_WINDOW).count()
    reasons = dict(Suppression.objects.values_list("reason").annotate(n=Count("pk")).order_by())
    failure = Failure.objects.order_by("-stopped").values_list("stopped", "result").first()
    paused = Campaign.objects.filter(status=Campaign.Status.SENDING, paused=True).exclude(error="")
    paused_error = paused.order_by("-pk").values_list("error", flat=True).first()
    return SendingStatus(
        heartbeat=heartbeat,
        workers_alive=heartbeat is not None and now - heartbeat <= HEARTBEAT_LIMIT,
        queued_tasks=get_broker().queue_size() or 0,
        sending=list(Campaign.objects.filter(status=Campaign.Status.SENDING).select_related("channel")),
        deliveries={status: counts.get(status, 0) for status in Delivery.Status.values},
        oldest_due_seconds=(now - oldest_due).total_seconds() if oldest_due else 0.0,
        sent_per_second=sent_lately / RATE_WINDOW.total_seconds(),
        bounces=reasons.get(Suppression.Reason.HARD_BOUNCE, 0),
        complaints=reasons.get(Suppression.Reason.COMPLAINT, 0),
        last_error=paused_error or (str(failure[1])[:500] if failure else ""),
        last_error_at=None if paused_error or not failure else failure[0],
    )

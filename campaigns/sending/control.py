"""The life of a campaign: draft → scheduled → sending → sent | cancelled | failed, with pause and resume.

Every transition is a conditional ``UPDATE`` on the current status, so two clicks, two workers or a
schedule firing late can never start a campaign twice or revive a cancelled one.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

from campaigns import announcements, app_settings
from campaigns.models import Campaign, Delivery

TASK_START = "campaigns.tasks.start_campaign"
TASK_BATCH = "campaigns.tasks.send_batch"
Status = Campaign.Status


def schedule_name(campaign_id: int) -> str:
    return f"campaign-{campaign_id}"


def begin(campaign_id: int) -> bool:
    """Move a draft or scheduled campaign to *sending*; ``True`` also when it already is."""
    Campaign.objects.filter(pk=campaign_id, status__in=[Status.DRAFT, Status.SCHEDULED]).update(
        status=Status.SENDING, started_at=timezone.now(), paused=False
    )
    return Campaign.objects.filter(pk=campaign_id, status=Status.SENDING).exists()


def send_now(campaign: Campaign) -> None:
    """Have the cluster start the campaign at once."""
    Schedule.objects.filter(name=schedule_name(campaign.pk)).delete()
    async_task(TASK_START, campaign.pk, group=schedule_name(campaign.pk))


def schedule(campaign: Campaign, when: datetime) -> None:
    """Plan the campaign for ``when`` with a django-q2 schedule that runs once."""
    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status__in=[Status.DRAFT, Status.SCHEDULED]).update(
            status=Status.SCHEDULED, scheduled_at=when
        )
        if updated:
            Schedule.objects.update_or_create(
                name=schedule_name(campaign.pk),
                defaults={
                    "func": TASK_START,
                    "args": repr(campaign.pk),
                    "schedule_type": Schedule.ONCE,
                    "repeats": -1,
                    "next_run": when,
                },
            )


def unschedule(campaign: Campaign) -> None:
    """Back to draft: the schedule is removed."""
    with transaction.atomic():
        Schedule.objects.filter(name=schedule_name(campaign.pk)).delete()
        Campaign.objects.filter(pk=campaign.pk, status=Status.SCHEDULED).update(
            status=Status.DRAFT, scheduled_at=None
        )


def pause(campaign: Campaign) -> None:
    """Stop sending after the messages in flight; running batches give back what they have not sent."""
    Campaign.objects.filter(pk=campaign.pk, status=Status.SENDING).update(paused=True)


def resume(campaign: Campaign) -> None:
    """Go on sending; an error streak that paused the issue starts from nothing."""
    if Campaign.objects.filter(pk=campaign.pk, status=Status.SENDING, paused=True).update(
        paused=False, failure_streak=0, error=""
    ):
        dispatch(campaign.pk)


def requeue(campaign: Campaign) -> int:
    """Queue again the deliveries that failed without their recipient being refused (an outage, a refused
    sender, the retry horizon passed), and send them: the issue is sending again and not paused.

    Refused recipients stay failed (their addresses are suppressed). Return how many were queued.
    """
    with transaction.atomic():
        revived = Campaign.objects.filter(
            pk=campaign.pk, status__in=[Status.SENDING, Status.SENT, Status.FAILED], prepared_at__isnull=False
        )
        if not revived.exists():
            return 0
        queued = Delivery.objects.filter(
            campaign_id=campaign.pk, status=Delivery.Status.FAILED, bounced=False
        ).update(status=Delivery.Status.QUEUED, next_attempt_at=timezone.now(), failing_since=None)
        restart = bool(queued) or revived.filter(paused=True).exists()
        if restart:
            revived.update(status=Status.SENDING, paused=False, failure_streak=0, error="", finished_at=None)
    if restart:
        dispatch(campaign.pk)
    return queued


def cancel(campaign: Campaign) -> None:
    """Stop for good: nothing further is sent; waiting deliveries are marked cancelled."""
    with transaction.atomic():
        Schedule.objects.filter(name=schedule_name(campaign.pk)).delete()
        cancelled = Campaign.objects.filter(
            pk=campaign.pk, status__in=[Status.DRAFT, Status.SCHEDULED, Status.SENDING]
        ).update(status=Status.CANCELLED, finished_at=timezone.now())
        if cancelled:
            Delivery.objects.filter(campaign_id=campaign.pk, status=Delivery.Status.QUEUED).update(
                status=Delivery.Status.CANCELLED
            )


def fail(campaign_id: int, error: str) -> None:
    Campaign.objects.filter(pk=campaign_id, status=Status.SENDING).update(
        status=Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def dispatch(campaign_id: int, count: int | None = None) -> None:
    """Queue batch tasks for the campaign: as many as may run side by side."""
    for _index in range(count or app_settings.concurrency()):
        async_task(TASK_BATCH, campaign_id, group=schedule_name(campaign_id))


def has_due_work(campaign_id: int) -> bool:
    return Delivery.objects.filter(
        campaign_id=campaign_id,
        status=Delivery.Status.QUEUED,
        next_attempt_at__lte=timezone.now(),
    ).exists()


def finish_if_done(campaign_id: int) -> bool:
    """Mark a prepared campaign sent once no delivery waits or is in flight; failed if none could be sent."""
    unfinished = Delivery.objects.filter(
        campaign_id=campaign_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    )
    if unfinished.exists():
        return False
    deliveries = Delivery.objects.filter(campaign_id=campaign_id)
    nothing_sent = (
        deliveries.filter(status=Delivery.Status.FAILED).exists()
        and not deliveries.filter(status=Delivery.Status.SENT).exists()
    )
    status = Status.FAILED if nothing_sent else Status.SENT
    sending = Campaign.objects.filter(pk=campaign_id, status=Status.SENDING, prepared_at__isnull=False)
    finished = sending.update(status=status, finished_at=timezone.now())
    if finished and status == Status.SENT:
        announcements.campaign_sent(campaign_id)
    return bool(finished)

"""django-q2 tasks of the campaign engine (referred to by dotted path, so keep the names stable).

``start_campaign`` freezes and renders a campaign and queues its batches; each ``send_batch`` queues its
successor while due work remains, so a campaign is sent by as many chains of batches as
``CAMPAIGNS_SEND_CONCURRENCY`` says; ``sweep`` runs every minute and repairs whatever a crash left;
``create_recurring_issues`` every five minutes; ``purge_pending_subscribers``, ``purge_tracking_events``,
``purge_expired_data`` and ``send_deadline_reminders`` run daily. The migrations schedule the periodic ones
(``campaigns.schedules``).
"""

import logging

from django_q.tasks import async_task

from campaigns import recurring_issues, reminders, subscriptions
from campaigns.sending import control, freeze, hold, sweeper
from campaigns.sending.batch import BatchResult
from campaigns.sending.batch import send_batch as run_batch
from campaigns.subscriptions import retention
from campaigns.tracking import events

logger = logging.getLogger(__name__)


def start_campaign(campaign_id: int) -> int:
    """Begin sending the campaign: freeze it and queue its batches; return the number of deliveries."""
    if hold.is_held() or not control.begin(campaign_id):
        return 0
    try:
        created = freeze.prepare(campaign_id)
    except Exception as error:
        logger.exception("Preparing campaign %s failed", campaign_id, extra={"campaign_id": campaign_id})
        control.fail(campaign_id, f"{error.__class__.__name__}: {error}")
        raise
    if not control.finish_if_done(campaign_id):
        control.dispatch(campaign_id)
    return created


def send_batch(campaign_id: int) -> BatchResult:
    """Send one batch; queue the next while due work remains, else finish the campaign when it is done."""
    result = run_batch(campaign_id)
    if result.claimed and control.has_due_work(campaign_id):
        async_task(control.TASK_BATCH, campaign_id, group=control.schedule_name(campaign_id))
    else:
        control.finish_if_done(campaign_id)
    return result


def sweep() -> sweeper.SweepResult:
    return sweeper.sweep()


def purge_pending_subscribers() -> int:
    """Delete sign-ups not confirmed within the retention period; return how many."""
    return subscriptions.purge_pending_subscribers()


def purge_tracking_events() -> int:
    """Delete measured opens and clicks past their retention period; return how many."""
    return events.purge_expired_events()


def purge_expired_data() -> retention.PurgeResult:
    """Apply the retention periods: people who left, consent-log addresses, deliveries, task results."""
    return retention.purge_expired_data()


def create_recurring_issues() -> int:
    """Make the issues of recurring channels that are due; return how many dates were handled."""
    return len(recurring_issues.create_due_issues())


def send_deadline_reminders() -> int:
    """Remind readers who asked for it of near registration deadlines; return how many mails were sent."""
    return reminders.send_due_reminders()

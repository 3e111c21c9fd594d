"""Sending a campaign in the current process, without a django-q2 cluster (``send_campaign --inline``).

The same freeze, batches and sweeps as the cluster runs, one after the other; waits for retries that are
not yet due. Useful for the demo, for benchmarks and for a shell on a machine without workers.
"""

import time
from collections.abc import Callable

from django.db.models import Min
from django.utils import timezone

from campaigns.models import Campaign, Delivery
from campaigns.sending import control, freeze, sweeper
from campaigns.sending.batch import BatchResult, send_batch

MAX_WAIT_SECONDS = 60.0


def send_inline(campaign_id: int, progress: Callable[[BatchResult], None] | None = None) -> Campaign:
    """Send the campaign to the end (or until it is paused or cancelled); return it in its final state."""
    if control.begin(campaign_id):
        freeze.prepare(campaign_id)
    while True:
        result = send_batch(campaign_id)
        if result.claimed:
            if progress:
                progress(result)
            continue
        campaign = Campaign.objects.get(pk=campaign_id)
        if not campaign.is_active or control.finish_if_done(campaign_id):
            return Campaign.objects.get(pk=campaign_id)
        sweeper.sweep()
        time.sleep(_seconds_until_due(campaign_id))


def _seconds_until_due(campaign_id: int) -> float:
    due = Delivery.objects.filter(campaign_id=campaign_id, status=Delivery.Status.QUEUED).aggregate(
        first=Min("next_attempt_at")
    )["first"]
    if due is None:
        return 0.5
    return min(MAX_WAIT_SECONDS, max(0.05, (due - timezone.now()).total_seconds()))

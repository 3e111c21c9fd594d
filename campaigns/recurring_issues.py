"""Recurring channels fill their issues themselves: the ``campaigns-recurring-issues`` schedule.

Every few minutes ``create_due_issues`` looks at each channel with a ``recurrence``: when its latest date has
come and has not been handled, it makes the issue with the content published since the previous issue —
the channel rule selects it (``campaigns.selection`` through ``campaign_page_ids``), each reader's ranking
orders it when the issue is sent. With fewer than ``min_items`` new items the date is recorded as skipped
and its content waits for the next one. An issue of a channel without approval is scheduled for sending at
once; any other is submitted to the channel's workflow, which mails the approvers and lists the issue on
their admin dashboard.

Exactly one issue per date, however many workers run and whenever they restart: the handled dates are rows
with a unique (channel, date), written in the same transaction as the issue and its send schedule, while
the channel's row is locked. A second worker waits for the lock, then finds the row and does nothing; a
worker that dies before the commit leaves nothing behind, and the next run makes the issue.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from campaigns import approval, recurrence
from campaigns.models import Campaign, Channel, ChannelOccurrence
from campaigns.rendering.content import campaign_page_ids
from campaigns.sending import control

logger = logging.getLogger(__name__)

# A date further past than this (a cluster stopped for longer, a rule entered with a start in the past) is
# not made up for: the channel waits for its next date instead of sending stale news.
CATCH_UP = timedelta(days=1)


def create_due_issues(now: datetime | None = None) -> list[ChannelOccurrence]:
    """Handle every recurring channel's latest due date not handled yet; return what this call handled."""
    now = now or timezone.now()
    handled = []
    for channel in Channel.objects.exclude(recurrence=""):
        occurrence = recurrence.latest(channel.recurrence, now)
        if occurrence is None or occurrence < now - CATCH_UP:
            continue
        if ChannelOccurrence.objects.filter(channel=channel, occurrence=occurrence).exists():
            continue
        record = handle_occurrence(channel, occurrence, now=now)
        if record is not None:
            handled.append(record)
    return handled


def handle_occurrence(channel: Channel, occurrence: datetime, *, now: datetime) -> ChannelOccurrence | None:
    """Make the issue of ``occurrence`` or record it skipped; ``None`` when it was handled already."""
    with transaction.atomic():
        channel = Channel.objects.select_for_update().get(pk=channel.pk)
        record, created = ChannelOccurrence.objects.get_or_create(
            channel=channel, occurrence=occurrence, defaults={"created_at": now}
        )
        if not created:
            return None
        campaign = Campaign(
            channel=channel,
            subject=issue_subject(channel, occurrence),
            period_start=_previous_issue_time(channel, occurrence),
            period_end=occurrence,
            created_at=now,
            live=False,
            has_unpublished_changes=True,
        )
        record.item_count = len(campaign_page_ids(campaign, now))
        if record.item_count < channel.min_items:
            record.skipped = True
            record.save(update_fields=["item_count", "skipped"])
            logger.info("%s: date %s skipped, %s new items", channel.slug, occurrence, record.item_count)
            return record
        campaign.save()
        record.campaign = campaign
        record.save(update_fields=["item_count", "campaign"])
        if channel.requires_approval:
            approval.submit(campaign, None)
        else:
            campaign.save_revision().publish()
            # A send schedule in the same transaction: a crash after the commit still sends the issue.
            control.schedule(campaign, now)
    return record


def issue_subject(channel: Channel, occurrence: datetime) -> str:
    """The subject "<channel> vom <date>", in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        date = formats.date_format(timezone.localtime(occurrence), "j. F Y")
        return _("%(channel)s vom %(date)s") % {"channel": channel.name, "date": date}


def _previous_issue_time(channel: Channel, occurrence: datetime) -> datetime | None:
    """Where the new content starts: the channel's previous recurring issue, else its last sent issue, else
    the rule's previous date (``None`` for the rule's first date: all current content)."""
    previous = (
        ChannelOccurrence.objects.filter(channel=channel, skipped=False, occurrence__lt=occurrence)
        .order_by("-occurrence")
        .first()
    )
    if previous is not None:
        return previous.occurrence
    sent = Campaign.objects.last_sent(channel.pk)
    if sent is not None:
        return sent.started_at
    before = recurrence.parse(channel.recurrence).before(recurrence.local(occurrence))
    return recurrence.aware(before) if before else None

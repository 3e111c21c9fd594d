"""Recurring channels make their issues at the due date (an injected clock): with the content published since
the previous issue, sent at once without approval or submitted to the approvers, skipped and recorded with
fewer than ``min_items`` new items — and exactly once per date, however often and by how many workers the
schedule runs."""

from datetime import datetime, timedelta
from email.utils import parseaddr
from html import escape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from wagtail.models import WorkflowState

from campaigns.models import Campaign, Channel, ChannelOccurrence
from campaigns.recurring_issues import create_due_issues, handle_occurrence
from campaigns.sending import control
from campaigns.sending.inline import send_inline
from page_types.models import ContentPage
from tests.concurrency import at_once
from tests.factories import make_news


def weekly_from(start: datetime) -> str:
    return f"DTSTART:{timezone.localtime(start):%Y%m%dT%H%M%S}\nRRULE:FREQ=WEEKLY"


@pytest.fixture
def start() -> datetime:
    """The recurring channel's first date: in an hour, on the minute (the pages were published before)."""
    return timezone.localtime().replace(second=0, microsecond=0) + timedelta(hours=1)


@pytest.fixture
def weekly(newsletter, start) -> Channel:
    """The engine's channel (no approval), weekly from ``start``."""
    Channel.objects.filter(pk=newsletter.channel.pk).update(recurrence=weekly_from(start))
    newsletter.campaign.delete()
    return Channel.objects.get(pk=newsletter.channel.pk)


@pytest.fixture
def lead(django_user_model):
    user = django_user_model.objects.create_user("leitung", "leitung@example.org", "pw")
    user.groups.add(Group.objects.get(name="Redaktionsleitung"))
    return user


def test_nothing_is_made_before_the_date(weekly, start):
    assert create_due_issues(now=start - timedelta(minutes=1)) == []
    assert not Campaign.objects.exists()


def test_a_channel_without_approval_sends_its_issue_at_the_date(weekly, start, newsletter, smtp_sink):
    [record] = create_due_issues(now=start + timedelta(minutes=2))

    campaign = Campaign.objects.get(pk=record.campaign_id)
    assert record.occurrence == start and not record.skipped and record.item_count == 5
    assert campaign.subject.startswith("Wirtschaft & MINT vom ")
    assert (campaign.period_start, campaign.period_end) == (None, start)
    assert campaign.status == Campaign.Status.SCHEDULED and campaign.is_approved
    assert Schedule.objects.get(name=control.schedule_name(campaign.pk)).func == control.TASK_START
    send_inline(campaign.pk)
    received = {parseaddr(m.message["To"])[1] for m in smtp_sink.messages}
    assert received == {reader.email for reader in newsletter.readers.values()}


def test_the_schedule_running_again_makes_no_second_issue(weekly, start):
    create_due_issues(now=start)
    assert create_due_issues(now=start + timedelta(minutes=5)) == []
    assert handle_occurrence(weekly, start, now=start + timedelta(minutes=10)) is None
    assert Campaign.objects.count() == 1 and ChannelOccurrence.objects.count() == 1


def test_the_next_issue_carries_what_was_published_since_the_previous_one(weekly, start, newsletter):
    create_due_issues(now=start)
    later = make_news(newsletter.pages["news_district"].get_parent(), "Neue Ausbildungsmesse")
    ContentPage.objects.filter(pk=later.pk).update(first_published_at=start + timedelta(days=2))

    [record] = create_due_issues(now=start + timedelta(days=7))

    assert record.item_count == 1
    assert (record.campaign.period_start, record.campaign.period_end) == (start, start + timedelta(days=7))


def test_a_date_with_too_few_new_items_is_skipped_and_shown_on_the_channel(weekly, start, manager, client):
    create_due_issues(now=start)
    Channel.objects.filter(pk=weekly.pk).update(min_items=2)

    [record] = create_due_issues(now=start + timedelta(days=7, minutes=1))

    assert record.skipped and record.campaign is None and record.item_count == 0
    assert Campaign.objects.count() == 1
    html = client.get(reverse("wagtailsnippets_campaigns_channel:edit", args=[weekly.pk])).content.decode()
    assert "Ausgelassene Termine" in html
    assert timezone.localtime(record.occurrence).strftime("%d.%m.%Y, %H:%M") in html


def test_a_stale_date_is_not_made_up_for(weekly, start):
    assert create_due_issues(now=start + timedelta(days=2)) == []
    assert len(create_due_issues(now=start + timedelta(days=7))) == 1


def test_an_issue_needing_approval_is_submitted_and_the_approvers_are_told(
    weekly, start, lead, client, smtp_sink
):
    Channel.objects.filter(pk=weekly.pk).update(requires_approval=True)

    [record] = create_due_issues(now=start)

    campaign = Campaign.objects.get(pk=record.campaign_id)
    assert campaign.workflow_in_progress and not campaign.is_approved
    assert campaign.status == Campaign.Status.DRAFT
    assert not Schedule.objects.filter(name=control.schedule_name(campaign.pk)).exists()
    assert WorkflowState.objects.for_instance(campaign).get().status == WorkflowState.STATUS_IN_PROGRESS
    [mail] = smtp_sink.handler.to("leitung@example.org")
    assert campaign.subject in mail.message["Subject"]
    client.force_login(lead)
    assert escape(campaign.subject) in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.on_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_the_same_date_make_exactly_one_issue(newsletter, start):
    Channel.objects.filter(pk=newsletter.channel.pk).update(recurrence=weekly_from(start))
    newsletter.campaign.delete()
    results = at_once(lambda: create_due_issues(now=start + timedelta(minutes=1)))

    assert sorted(len(made) for made in results) == [0, 1]
    assert Campaign.objects.count() == 1 and ChannelOccurrence.objects.count() == 1
    assert Schedule.objects.filter(name__startswith="campaign-").count() == 1

"""Approval of issues with Wagtail's revisions, locks and workflows: only an issue whose current version
passed its channel's "Freigabe" may be sent (admin and ``send_campaign``); a later edit needs approval
again; test mails need none; history, compare and lock views work on issues."""

import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from campaigns.approval import approve, refusal, submit
from campaigns.models import Campaign, Channel
from campaigns.sending import control


@pytest.fixture
def issue(newsletter) -> Campaign:
    """The engine's issue, on a channel that requires approval."""
    Channel.objects.filter(pk=newsletter.channel.pk).update(requires_approval=True)
    return Campaign.objects.select_related("channel").get(pk=newsletter.campaign.pk)


@pytest.fixture
def lead(django_user_model):
    """A member of the "Redaktionsleitung", who approves issues."""
    user = django_user_model.objects.create_user("leitung", password="pw")
    user.groups.add(Group.objects.get(name="Redaktionsleitung"))
    return user


def fresh(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_related("channel").get(pk=campaign.pk)


def test_a_channel_without_approval_has_no_workflow(newsletter):
    assert newsletter.campaign.get_workflow() is None
    assert refusal(newsletter.campaign) is None


def test_send_campaign_refuses_an_unapproved_issue(issue):
    with pytest.raises(CommandError, match="nicht freigegeben"):
        call_command("send_campaign", str(issue.pk))
    assert fresh(issue).status == Campaign.Status.DRAFT


def test_send_campaign_refuses_an_issue_waiting_in_review(issue, manager):
    submit(issue, manager)
    with pytest.raises(CommandError, match="wartet noch auf die Freigabe"):
        call_command("send_campaign", str(issue.pk))


def test_send_campaign_sends_an_approved_issue(issue, manager, lead):
    approve(issue, lead)
    assert fresh(issue).is_approved
    with mock.patch("campaigns.sending.control.async_task") as queued:
        call_command("send_campaign", str(issue.pk), stdout=None)
    queued.assert_called_once_with(control.TASK_START, issue.pk, group=mock.ANY)


def test_admin_refuses_to_send_or_schedule_an_unapproved_issue(issue, manager, client):
    dispatch = client.get(reverse("campaigns_campaign:dispatch", args=[issue.pk])).content.decode()
    assert 'id="approval-refusal"' in dispatch and "Senden…" not in dispatch
    when = (timezone.localtime() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    with mock.patch("campaigns.sending.control.async_task") as queued:
        sent = client.post(
            reverse("campaigns_campaign:send", args=[issue.pk, "send"]), {"recipients": 4}, follow=True
        )
        client.post(
            reverse("campaigns_campaign:send", args=[issue.pk, "schedule"]), {"when": when, "recipients": 4}
        )
    queued.assert_not_called()
    assert "ist nicht freigegeben" in sent.content.decode()
    assert fresh(issue).status == Campaign.Status.DRAFT


def test_admin_sends_an_approved_issue(issue, manager, lead, client):
    approve(issue, lead)
    with mock.patch("campaigns.sending.control.async_task") as queued:
        client.post(reverse("campaigns_campaign:send", args=[issue.pk, "send"]), {"recipients": 4})
    queued.assert_called_once()


def edit_form(client, campaign: Campaign, **changes) -> dict:
    """The edit form's current values (as the browser would submit them) with ``changes``."""
    page = client.get(reverse("campaigns_campaign:edit", args=[campaign.pk])).content.decode()
    data = {
        "channel": campaign.channel_id,
        "audience": "",
        "subject": campaign.subject,
        "preheader": campaign.preheader,
        "intro": re.search(r'name="intro"[^>]*value="([^"]*)"', page).group(1).replace("&quot;", '"'),
        "period_start": "",
        "period_end": "",
    }
    for relation in ("texts", "picks", "removals"):
        data |= {f"{relation}-TOTAL_FORMS": 0, f"{relation}-INITIAL_FORMS": 0}
    return data | changes


def test_editing_an_approved_issue_needs_approval_again_and_lifts_its_schedule(issue, manager, lead, client):
    approve(issue, lead)
    control.schedule(fresh(issue), timezone.now() + timezone.timedelta(days=1))
    response = client.post(
        reverse("campaigns_campaign:edit", args=[issue.pk]), edit_form(client, issue, subject="Neuer Betreff")
    )
    assert response.status_code == 302
    edited = fresh(issue)
    assert edited.has_unpublished_changes and not edited.is_approved
    assert edited.subject == issue.subject  # what would be sent is still the approved version
    assert edited.status == Campaign.Status.DRAFT and edited.scheduled_at is None
    with pytest.raises(CommandError, match="nicht freigegeben"):
        call_command("send_campaign", str(issue.pk))


def test_approving_in_the_edit_view_lets_the_issue_be_sent(issue, manager, lead, client):
    """Wagtail's "Freigeben" in the edit view's action menu saves the form as a new revision before it
    approves, and the workflow publishes that one: it is the approved version."""
    submitted = submit(issue, manager).current_task_state.revision_id
    form = edit_form(client, issue)
    client.force_login(lead)
    response = client.post(
        reverse("campaigns_campaign:edit", args=[issue.pk]),
        form | {"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    assert response.status_code == 302
    approved = fresh(issue)
    assert approved.live_revision_id != submitted
    assert approved.is_approved and refusal(approved) is None


def test_a_version_published_after_the_approval_needs_approval_again(issue, manager, lead):
    approve(issue, lead)
    issue = fresh(issue)
    issue.subject = "Ohne Freigabe veröffentlicht"
    issue.save_revision(user=lead).publish(user=lead)
    assert not fresh(issue).is_approved


def test_approval_publishes_the_content_but_keeps_the_sending_life(issue, manager, lead):
    submit(issue, manager)
    Campaign.objects.filter(pk=issue.pk).update(status=Campaign.Status.SCHEDULED, error="x")
    issue = fresh(issue)
    task_state = issue.current_workflow_task_state
    task_state.task.specific.on_action(task_state, lead, "approve")
    approved = fresh(issue)
    assert approved.is_approved
    assert (approved.status, approved.error) == (Campaign.Status.SCHEDULED, "x")


def test_a_test_mail_needs_no_approval(issue, manager, client, smtp_sink):
    dispatch = client.get(reverse("campaigns_campaign:dispatch", args=[issue.pk]))
    key = re.search(r'<option value="([0-9a-f]+)"', dispatch.content.decode()).group(1)
    client.post(
        reverse("campaigns_campaign:test_mail", args=[issue.pk]),
        {"addresses": "redaktion@example.org", "variant": key},
    )
    assert [m.rcpt_tos for m in smtp_sink.messages] == [["redaktion@example.org"]]


def test_history_compare_and_lock_views_work_on_issues(issue, manager, lead, client):
    approve(issue, lead)
    issue = fresh(issue)
    issue.subject = "Zweite Fassung"
    second = issue.save_revision(user=manager)
    first = issue.live_revision
    assert client.get(reverse("campaigns_campaign:history", args=[issue.pk])).status_code == 200
    compare = client.get(
        reverse("campaigns_campaign:revisions_compare", args=[issue.pk, first.pk, second.pk])
    )
    assert compare.status_code == 200 and "Zweite Fassung" in compare.content.decode()
    client.post(reverse("campaigns_campaign:lock", args=[issue.pk]))
    assert fresh(issue).locked and fresh(issue).locked_by == manager
    client.post(reverse("campaigns_campaign:unlock", args=[issue.pk]))
    assert not fresh(issue).locked

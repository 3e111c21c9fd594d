"""What approval starts with: the "Freigabe" workflow and the "Redaktionsleitung" group come with the
migrations, and a new channel requires approval."""

from django.contrib.auth.models import Group
from wagtail.models import WorkflowContentType

from campaigns.models import Channel


def test_freigabe_workflow_and_redaktionsleitung_come_with_the_migrations(db):
    workflow = WorkflowContentType.objects.get(content_type__model="campaign").workflow
    assert workflow.name == "Freigabe" and workflow.active
    [task] = [task.specific for task in workflow.tasks]
    assert task.name == "Freigabe durch die Redaktionsleitung"
    assert list(task.groups.values_list("name", flat=True)) == ["Redaktionsleitung"]
    lead_group = Group.objects.get(name="Redaktionsleitung")
    codenames = set(lead_group.permissions.values_list("codename", flat=True))
    assert {"publish_campaign", "send_campaign", "change_campaign", "lock_campaign"} <= codenames
    assert not Group.objects.get(name="Kampagnen").permissions.filter(codename="publish_campaign").exists()


def test_channels_require_approval_by_default(db):
    assert Channel.objects.create(name="Neu", slug="neu").requires_approval

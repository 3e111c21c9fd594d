"""The default approval workflow "Freigabe" for newsletter issues, approved by the group "Redaktionsleitung".

German names from the start: the workflow's and task's names appear as they are in the German admin. The
group may approve, publish, lock and send issues; campaign managers ("Kampagnen") may also lock them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "Freigabe"
TASK_NAME = "Freigabe durch die Redaktionsleitung"
GROUP_NAME = "Redaktionsleitung"
CAMPAIGN_GROUP = "Kampagnen"
LEAD_PERMISSIONS = [
    "add_campaign",
    "change_campaign",
    "view_campaign",
    "publish_campaign",
    "lock_campaign",
    "unlock_campaign",
    "send_campaign",
    "view_delivery",
    "view_variant",
]
CAMPAIGN_PERMISSIONS = ["lock_campaign"]
#: Wagtail adds these after migrating; created here (with Wagtail's names) so that the groups can hold them.
SNIPPET_ACTIONS = ["publish", "lock", "unlock"]


def create_workflow(apps, schema_editor):
    """Create the group, its task and the workflow, and assign the workflow to issues."""
    app_config = apps.get_app_config("campaigns")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    campaign_type, _created = ContentType.objects.get_or_create(app_label="campaigns", model="campaign")
    for action in SNIPPET_ACTIONS:
        Permission.objects.get_or_create(
            content_type=campaign_type,
            codename=f"{action}_campaign",
            defaults={"name": f"Can {action} Newsletter-Ausgabe"},
        )

    def permissions(codenames):
        return Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames)

    lead, _created = Group.objects.get_or_create(name=GROUP_NAME)
    lead.permissions.add(*permissions(LEAD_PERMISSIONS))
    lead.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    campaigns_group = Group.objects.filter(name=CAMPAIGN_GROUP).first()
    if campaigns_group is not None:
        campaigns_group.permissions.add(*permissions(CAMPAIGN_PERMISSIONS))

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(lead)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.get_or_create(content_type=campaign_type, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0010_campaign_revisions_and_approval"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]

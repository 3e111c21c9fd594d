"""First consent text and the "Kampagnen" permission group.

The sign-up form needs a current consent text from the start, and campaign managers need one group that
holds every right over subscriber data; editors outside it see none of it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Kampagnen"

FIRST_CONSENT_TEXT = (
    "Ich möchte die ausgewählten Newsletter der Wirtschaftsförderung des Landkreises Ludwigsburg per E-Mail "
    "erhalten. Meine Angaben werden nur für den Versand und für die Auswahl passender Inhalte verwendet. "
    "Ich kann meine Einwilligung jederzeit widerrufen – über den Abmeldelink in jeder E-Mail oder auf der "
    "Einstellungsseite. Einzelheiten stehen in der Datenschutzerklärung."
)

# codenames per model; subscribers are never added or deleted directly: import and erasure do that.
GROUP_PERMISSIONS = {
    "channel": ["add", "change", "delete", "view"],
    "audience": ["add", "change", "delete", "view"],
    "consenttext": ["add", "change", "view"],
    "suppression": ["add", "delete", "view"],
    "subscriber": ["change", "view", "export", "erase", "import"],
    "subscription": ["view"],
    "consentevent": ["view"],
}


def create_consent_text_and_group(apps, schema_editor):
    ConsentText = apps.get_model("campaigns", "ConsentText")
    if not ConsentText.objects.exists():
        ConsentText.objects.create(version="2025-01", text=FIRST_CONSENT_TEXT, is_current=True)

    # Permissions are normally created after all migrations ran; create them now so the group can hold them.
    app_config = apps.get_app_config("campaigns")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [f"{action}_{model}" for model, actions in GROUP_PERMISSIONS.items() for action in actions]
    permissions = list(Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames))
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise RuntimeError(f"Missing permissions: {sorted(missing)}")
    permissions.append(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_subscriber_email_any_case"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_consent_text_and_group, remove_group)]

"""Migrations follow the expand/contract rule, so the previous release keeps running against the new schema
during a rolling upgrade (docs/OPERATIONS.md, section 10).

A release only *expands*: new tables, nullable columns or columns with a database default (``db_default``),
new indexes, changed choices. What the previous release still reads or writes is dropped or renamed only by
a *contract* migration of a later release, once no running code uses it; such a migration is listed in
``CONTRACTED`` with the reason. Migrations released before the rule was introduced are not re-judged."""

from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

OUR_APPS = ("cms", "campaigns", "page_types")
# Released before the rule (their non-null columns were added with a Python default only). The names of
# parallel branches' migrations merged into main by then are listed too, though this branch lacks them.
BEFORE_THE_RULE = {
    "cms": {"0001_content_version", "0002_content_version_moved_to_page_types"},
    "campaigns": {
        "0001_initial",
        "0002_subscriber_email_any_case",
        "0003_consent_text_and_campaign_group",
        "0004_consent_log_survives_subscriber",
        "0005_campaign_engine",
        "0006_schedule_data_retention_purges",
        "0007_open_and_click_tracking",
        "0008_signup_requests_and_guardians",
        "0009_outages_that_heal",
        "0009_consent_event_wording",
        "0009_ranking_and_reach",
        "0010_merge_0009_outages_that_heal_0009_ranking_and_reach",
        "0011_merge_consent_wording",
    },
    "page_types": {
        "0001_initial",
        "0002_vocabulary",
        "0003_municipality_german_order",
        "0004_organisation_sort_name",
        "0005_content_version",
        "0006_content_reach",
        "0006_mint_offer_contact_and_address",
        "0007_merge_reach_and_offer_contact",
    },
}
# Contract migrations: (app, name) → why the previous release no longer uses what they remove.
CONTRACTED: dict[tuple[str, str], str] = {}
DESTRUCTIVE = (
    migrations.RemoveField,
    migrations.RenameField,
    migrations.DeleteModel,
    migrations.RenameModel,
    migrations.AlterUniqueTogether,
)


def breaking(operation) -> str:
    """Why the previous release could fail after ``operation``; empty when it is an expansion."""
    if isinstance(operation, DESTRUCTIVE):
        return f"{operation.__class__.__name__} needs a contract migration of a later release"
    if isinstance(operation, migrations.AddField):
        field = operation.field
        if not field.null and field.db_default is NOT_PROVIDED and not field.many_to_many:
            return f"new column {operation.name} is required: make it null=True or give it a db_default"
    return ""


def test_new_migrations_only_expand():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    problems = []
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if app not in OUR_APPS or name in BEFORE_THE_RULE.get(app, ()) or (app, name) in CONTRACTED:
            continue
        for operation in migration.operations:
            if reason := breaking(operation):
                problems.append(f"{app}.{name}: {reason}")
    assert problems == []


def test_the_check_sees_a_dropped_and_a_required_column():
    from django.db import models

    assert breaking(migrations.RemoveField("campaign", "error"))
    assert breaking(migrations.AddField("campaign", "x", models.IntegerField(default=0)))
    assert not breaking(migrations.AddField("campaign", "x", models.IntegerField(null=True)))
    assert not breaking(migrations.AddField("campaign", "x", models.IntegerField(db_default=0)))

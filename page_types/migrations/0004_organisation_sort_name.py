"""Organisations get ``sort_name``, the German sort key of their name, and are listed by it.

Existing rows are backfilled with the same pure function that ``Organisation.save()`` uses.
"""

from django.db import migrations, models

from page_types.slugs import german_sort_key

SORT_NAME_LENGTH = 120


def backfill_sort_names(apps, schema_editor) -> None:
    """Set ``sort_name`` of every organisation from its name."""
    organisation_model = apps.get_model("page_types", "Organisation")
    organisations = list(organisation_model.objects.only("pk", "name"))
    for organisation in organisations:
        organisation.sort_name = german_sort_key(organisation.name)[:SORT_NAME_LENGTH]
    organisation_model.objects.bulk_update(organisations, ["sort_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("page_types", "0003_municipality_german_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="sort_name",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                max_length=SORT_NAME_LENGTH,
                verbose_name="Sortiername",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(backfill_sort_names, migrations.RunPython.noop, elidable=True),
        migrations.AlterModelOptions(
            name="organisation",
            options={
                "ordering": ["sort_name", "name"],
                "verbose_name": "Organisation",
                "verbose_name_plural": "Organisationen",
            },
        ),
    ]

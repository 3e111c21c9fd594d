import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("page_types", "0004_organisation_sort_name")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("counter", models.PositiveBigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"verbose_name": "Inhaltsstand", "verbose_name_plural": "Inhaltsstände"},
        ),
    ]

"""The welcome mail (its subject per channel, one row per subscription and a schedule that retries it) and
the random key of each variant's web version.

The key column is added empty and without the unique index, filled for the variants of earlier issues one
by one (a default is evaluated once per migration, which would give them all the same key), then made
unique with its default.
"""

import secrets

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import campaigns.models.deliveries
from campaigns import schedules

WELCOME_SCHEDULE = "campaigns-welcome-mails"


def key_earlier_variants(apps, schema_editor):
    Variant = apps.get_model("campaigns", "Variant")
    for pk in Variant.objects.filter(web_key__isnull=True).values_list("pk", flat=True).iterator():
        Variant.objects.filter(pk=pk).update(web_key=secrets.token_urlsafe(24))


def schedule_welcome_mails(apps, schema_editor):
    schedules.ensure_repeating(
        apps, WELCOME_SCHEDULE, "campaigns.welcome.sending.send_due", schedule_type="I", minutes=1
    )


def unschedule_welcome_mails(apps, schema_editor):
    schedules.remove(apps, WELCOME_SCHEDULE)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0013_merge_approval"),
    ]

    operations = [
        migrations.AddField(
            model_name="channel",
            name="welcome_subject",
            field=models.CharField(
                db_default="Willkommen bei „{kanal}“",
                default="Willkommen bei „{kanal}“",
                help_text="Geht an jede Person, die ein Abonnement dieses Kanals bestätigt hat; {kanal} steht für den Namen des Kanals.",
                max_length=150,
                verbose_name="Betreff der Willkommensmail",
            ),
        ),
        migrations.AddField(
            model_name="variant",
            name="web_key",
            field=models.CharField(
                editable=False, max_length=40, null=True, verbose_name="Schlüssel der Webfassung"
            ),
        ),
        migrations.RunPython(key_earlier_variants, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="variant",
            name="web_key",
            field=models.CharField(
                default=campaigns.models.deliveries.new_web_key,
                editable=False,
                max_length=40,
                null=True,
                unique=True,
                verbose_name="Schlüssel der Webfassung",
            ),
        ),
        migrations.CreateModel(
            name="WelcomeMail",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Wartend"),
                            ("sending", "In Zustellung"),
                            ("sent", "Versendet"),
                            ("failed", "Fehlgeschlagen"),
                            ("skipped", "Übersprungen"),
                        ],
                        default="queued",
                        max_length=20,
                        verbose_name="Status",
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="Versuche")),
                (
                    "failing_since",
                    models.DateTimeField(blank=True, null=True, verbose_name="Fehlgeschlagen seit"),
                ),
                (
                    "next_attempt_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="Nächster Versuch"),
                ),
                ("claimed_until", models.DateTimeField(blank=True, null=True)),
                ("message_id", models.CharField(blank=True, max_length=255, verbose_name="Message-ID")),
                ("error", models.CharField(blank=True, max_length=500, verbose_name="Fehler")),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="Angelegt"),
                ),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="Versendet")),
                (
                    "subscription",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="welcome_mail",
                        to="campaigns.subscription",
                    ),
                ),
            ],
            options={
                "verbose_name": "Willkommensmail",
                "verbose_name_plural": "Willkommensmails",
                "indexes": [models.Index(fields=["status", "next_attempt_at"], name="welcome_mail_due")],
            },
        ),
        migrations.RunPython(schedule_welcome_mails, unschedule_welcome_mails),
    ]

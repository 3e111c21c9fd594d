from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

from campaigns import schedules

RECURRING = "campaigns-recurring-issues"
REMINDERS = "campaigns-deadline-reminders"
# Reminders go out in the morning, when a reader can still register that day.
REMINDER_TIME = time(7, 30)


def next_morning() -> datetime:
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, REMINDER_TIME))


def schedule(apps, schema_editor):
    # A recurring channel's issue is made at most five minutes after its date.
    schedules.ensure_repeating(
        apps, RECURRING, "campaigns.tasks.create_recurring_issues", schedule_type="I", minutes=5
    )
    schedules.ensure_repeating(
        apps, REMINDERS, "campaigns.tasks.send_deadline_reminders", schedule_type="D", next_run=next_morning()
    )


def unschedule(apps, schema_editor):
    schedules.remove(apps, RECURRING)
    schedules.remove(apps, REMINDERS)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0014_recurring_channels_and_deadline_reminders"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [
        migrations.RunPython(schedule, unschedule),
    ]

"""After a restore the workers hold: a database whose sending was last alive long ago (as any backup is, once
restored) sends nothing, resumes no issue and starts no past schedule until ``resume_sending``; and
``import_suppressions`` re-applies the provider's suppression list first."""

from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from campaigns import tasks
from campaigns.addresses import email_hash
from campaigns.models import Campaign, Delivery, SendPace, Subscription, Suppression
from campaigns.sending import control, freeze, hold, sweeper
from campaigns.sending.batch import send_batch


def restored_backup(hours: float = 2) -> None:
    """The state row as a backup taken ``hours`` ago carries it."""
    SendPace.objects.update_or_create(pk=1, defaults={"alive_at": timezone.now() - timedelta(hours=hours)})


def test_a_restored_database_sends_nothing_until_released(newsletter, smtp_sink, capsys):
    control.begin(newsletter.campaign.pk)
    freeze.prepare(newsletter.campaign.pk)
    restored_backup()

    assert send_batch(newsletter.campaign.pk).claimed == 0
    with mock.patch("campaigns.sending.control.async_task") as queued:
        assert sweeper.sweep().dispatched == 0
    assert not queued.called and smtp_sink.messages == []
    assert SendPace.objects.get(pk=1).held_since is not None
    assert hold.is_held()

    with mock.patch("campaigns.sending.control.async_task") as queued:
        call_command("resume_sending")
    assert queued.called and "Versand freigegeben" in capsys.readouterr().out
    send_batch(newsletter.campaign.pk)
    assert len(smtp_sink.messages) == len(newsletter.readers)


def test_a_past_schedule_does_not_fire_on_a_restored_database(newsletter):
    control.schedule(newsletter.campaign, timezone.now() - timedelta(hours=1))
    restored_backup()
    assert tasks.start_campaign(newsletter.campaign.pk) == 0
    assert Campaign.objects.get(pk=newsletter.campaign.pk).status == Campaign.Status.SCHEDULED
    assert not Delivery.objects.exists()


def test_sweeps_a_minute_apart_never_hold(newsletter):
    for minutes_ago in (3, 2, 1):
        SendPace.objects.filter(pk=1).update(alive_at=timezone.now() - timedelta(minutes=minutes_ago))
        sweeper.sweep()
    assert not hold.is_held()


def test_import_suppressions_reapplies_the_providers_list(newsletter, tmp_path, capsys):
    readers = newsletter.readers
    export = tmp_path / "suppressions.csv"
    export.write_text(
        "Email Address,Suppression Reason,Created At\n"
        f"{readers['asperg'].email},HardBounce,2026-12-01\n"
        f"{readers['pupil'].email},SpamComplaint,2026-12-02\n"
        f"{readers['teacher'].email},ManualSuppression,2026-12-03\n"
        "kein-gueltiger-eintrag,HardBounce,2026-12-03\n",
        encoding="utf-8",
    )
    call_command("import_suppressions", str(export))

    assert "1 unzustellbar, 1 Beschwerden, 1 Abmeldungen, 1 ungültige Zeilen" in capsys.readouterr().out
    status = dict(Subscription.objects.values_list("subscriber__email", "status"))
    assert status[readers["asperg"].email] == Subscription.Status.BOUNCED
    assert status[readers["pupil"].email] == Subscription.Status.COMPLAINED
    assert status[readers["teacher"].email] == Subscription.Status.UNSUBSCRIBED
    assert status[readers["ludwigsburg"].email] == Subscription.Status.ACTIVE
    assert Suppression.objects.filter(email_hash=email_hash(readers["asperg"].email)).exists()

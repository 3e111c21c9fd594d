"""Retention by law: the daily purge erases people who left every channel after their period (30 days by
default, without suppressing them), keeps readers who stay, forgets consent-log client addresses, anonymises
old deliveries and drops old task results — and a migration schedules it."""

from datetime import timedelta

from django.utils import timezone
from django_q.models import Schedule

from campaigns.addresses import email_hash
from campaigns.models import Campaign, ConsentEvent, Delivery, Subscriber, Suppression
from campaigns.sending.inline import send_inline
from campaigns.subscriptions import record_bounce, unsubscribe
from campaigns.subscriptions.consent_log import record
from campaigns.subscriptions.retention import departed, purge_expired_data

DAY = timedelta(days=1)


def test_people_who_left_are_erased_after_thirty_days_and_may_come_back(newsletter):
    leaver = newsletter.readers["asperg"]
    unsubscribe(leaver, source=ConsentEvent.Source.FORM)
    now = timezone.now()

    assert departed(now + 29 * DAY) == []
    assert [subscriber.pk for subscriber in departed(now + 31 * DAY)] == [leaver.pk]
    assert purge_expired_data(now + 31 * DAY).erased == 1

    assert not Subscriber.objects.filter(email=leaver.email).exists()
    assert not Suppression.objects.filter(email_hash=email_hash(leaver.email)).exists()
    assert ConsentEvent.objects.filter(event=ConsentEvent.Event.ERASED, source="retention").count() == 1
    assert Subscriber.objects.count() == len(newsletter.readers) - 1  # those who stay are untouched


def test_bounced_people_are_erased_and_stay_suppressed(newsletter, settings):
    settings.CAMPAIGNS_BOUNCED_RETENTION_DAYS = 10
    bounced = newsletter.readers["pupil"]
    record_bounce(bounced.email, detail="550 5.1.1")
    assert purge_expired_data(timezone.now() + 11 * DAY).erased == 1
    assert not Subscriber.objects.filter(pk=bounced.pk).exists()
    assert Suppression.objects.filter(email_hash=email_hash(bounced.email)).exists()


def test_consent_ip_addresses_deliveries_and_task_results_expire(newsletter, smtp_sink, settings):
    settings.CAMPAIGNS_CONSENT_IP_RETENTION_DAYS = 100
    settings.CAMPAIGNS_DELIVERY_RETENTION_DAYS = 200
    reader = newsletter.readers["teacher"]
    record(reader, ConsentEvent.Event.CONFIRMED, source=ConsentEvent.Source.FORM, ip_address="192.0.2.7")
    smtp_sink.handler.reject[newsletter.readers["asperg"].email] = "450 4.2.0 <asperg@example.org> später"
    settings.CAMPAIGNS_RETRY_HORIZON = 0
    assert send_inline(newsletter.campaign.pk).status == Campaign.Status.SENT
    now = timezone.now()

    early = purge_expired_data(now + 99 * DAY)
    assert (early.ip_addresses, early.deliveries) == (0, 0)
    later = purge_expired_data(now + 201 * DAY)
    assert later.ip_addresses >= 1 and not ConsentEvent.objects.exclude(ip_address=None).exists()
    assert later.deliveries == len(newsletter.readers)
    assert not Delivery.objects.exclude(subscriber=None).exists()
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 3  # the counts stay
    assert not Delivery.objects.filter(error__contains="asperg").exists()
    assert Subscriber.objects.filter(pk=reader.pk).exists()


def test_a_migration_schedules_the_daily_purge(db):
    schedule = Schedule.objects.get(name="campaigns-purge-expired")
    assert (schedule.func, schedule.schedule_type) == ("campaigns.tasks.purge_expired_data", Schedule.DAILY)

"""Data subject rights: export all, erase all that is personal, purge stale sign-ups; bounces suppress."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.models import Schedule

from campaigns.addresses import email_hash
from campaigns.models import (
    Campaign,
    ConsentEvent,
    Delivery,
    SignupRequest,
    Subscriber,
    Subscription,
    Suppression,
)
from campaigns.sending.inline import send_inline
from campaigns.subscriptions import (
    export_subscriber,
    purge_pending_subscribers,
    record_bounce,
    record_complaint,
)
from campaigns.tokens import PREFERENCES, make_token
from tests.campaigns.engine import make_reader
from tests.campaigns.subscribing import confirm_token, run_queued_tasks, signup_data

pytestmark = pytest.mark.django_db

ADDRESS = "Erika.Mustermann@Bücher-Beispiel.de"
STORED = "Erika.Mustermann@xn--bcher-beispiel-gsb.de"
NAME = "Erika Mustermann-Unverwechselbar"


def rows_mentioning(*needles: str) -> list[tuple[str, str]]:
    """Every (table, needle) where a row of any table contains one of the needles, case-insensitively."""
    hits = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {quote(table)}")
            for row in cursor.fetchall():
                text = " ".join(
                    bytes(value).decode("latin-1") if isinstance(value, bytes | memoryview) else str(value)
                    for value in row
                ).lower()
                hits.extend((table, needle) for needle in needles if needle.lower() in text)
    return hits


@pytest.fixture
def erika(
    visitor, newsletter_channels, django_capture_on_commit_callbacks, django_user_model, client
) -> Subscriber:
    """A person who went through it all: sign-up, confirmation, preferences, an admin edit, a newsletter."""
    with django_capture_on_commit_callbacks(execute=True):  # queues the confirmation mail in django-q2
        visitor.post(
            "/newsletter/", signup_data(ADDRESS, name=NAME, municipality="asperg", subjects=["technik"])
        )
    run_queued_tasks()  # the worker: registers the sign-up and mails the confirmation
    subscriber = Subscriber.objects.get()
    facets = {"name": NAME, "language": "de", "municipality": "asperg", "subjects": ["technik"]}
    visitor.post(reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)}))
    visitor.post(
        reverse("newsletter:preferences", kwargs={"token": make_token(subscriber, PREFERENCES)}),
        {"channels": ["mint-update", "wirtschaft-im-landkreis"], "consent": "on", **facets},
    )
    manager = django_user_model.objects.create_user("kampagne")
    manager.groups.add(Group.objects.get(name="Kampagnen"))
    client.force_login(manager)
    edit = reverse("wagtailsnippets_campaigns_subscriber:edit", args=[subscriber.pk])
    municipality = subscriber.municipality.pk
    subjects = list(subscriber.subjects.values_list("pk", flat=True))
    admin_form = {
        "name": NAME,
        "language": "de",
        "role": "teacher",
        "municipality": municipality,
        "subjects": subjects,
    }
    assert client.post(edit, admin_form).status_code == 302
    campaign = Campaign.objects.create(channel=newsletter_channels["mint"], subject="Ausgabe 1")
    Delivery.objects.create(campaign=campaign, subscriber=subscriber, status=Delivery.Status.SENT)
    seen = {needle for _table, needle in rows_mentioning(STORED, NAME)}
    assert seen == {STORED, NAME}, "the scan must see the data before the erasure"
    return subscriber


def test_export_subscriber_command_gives_all_data_as_json(erika):
    out = StringIO()
    call_command("export_subscriber", ADDRESS.lower(), stdout=out)
    data = json.loads(out.getvalue())
    assert data["subscriber"]["email"] == STORED
    assert data["subscriber"]["name"] == NAME
    assert (data["subscriber"]["municipality"], data["subscriber"]["subjects"]) == ("asperg", ["technik"])
    assert {s["channel"]: s["status"] for s in data["subscriptions"]} == {
        "mint-update": "active",
        "wirtschaft-im-landkreis": "active",
    }
    events = [event["event"] for event in data["consent_log"]]
    assert events[:2] == ["requested", "confirmed"] and "preferences_changed" in events
    assert data["consent_log"][0]["consent_text"].startswith("Ich möchte")
    assert [delivery["status"] for delivery in data["deliveries"]] == ["sent"]


def test_export_names_every_relation_a_subscriber_has(erika):
    data = export_subscriber(erika)
    for relation in Subscriber._meta.related_objects:
        accessor = relation.get_accessor_name()
        assert accessor in data or accessor in ("subscriptions", "consent_events"), accessor


def test_erasure_leaves_no_personal_data_in_any_table(erika, newsletter_channels):
    consent_events = ConsentEvent.objects.count()
    call_command("erase_subscriber", ADDRESS, interactive=False, stdout=StringIO())

    assert rows_mentioning(STORED, NAME, ADDRESS, "192.0.2.", "Mustermann") == []
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().email_hash == email_hash(STORED)
    # anonymous counts stay: every consent event (plus the erasure itself) and the delivery
    assert ConsentEvent.objects.count() == consent_events + 1
    assert not ConsentEvent.objects.filter(subscriber__isnull=False).exists()
    assert ConsentEvent.objects.filter(event="confirmed", channel=newsletter_channels["mint"]).count() == 1
    assert Delivery.objects.get().subscriber is None


def test_after_erasure_a_new_signup_stores_and_sends_nothing(erika, visitor, inline_mail, mailoutbox):
    call_command("erase_subscriber", ADDRESS, interactive=False, stdout=StringIO())
    mailoutbox.clear()  # erika's own confirmation mail, sent by the worker in the fixture
    response = visitor.post("/newsletter/", signup_data(ADDRESS.upper().replace("XN--", "xn--")))
    assert response.status_code == 303
    assert not Subscriber.objects.exists()
    assert not SignupRequest.objects.exists()
    assert mailoutbox == []


def test_erase_asks_before_it_deletes(erika, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError, match="Abgebrochen"):
        call_command("erase_subscriber", ADDRESS)
    assert Subscriber.objects.exists()


@pytest.mark.parametrize("command", ["erase_subscriber", "export_subscriber"])
def test_commands_explain_unknown_and_malformed_addresses_in_german(db, command):
    with pytest.raises(CommandError, match="keine Abonnentendaten"):
        call_command(command, "niemand@example.org")
    with pytest.raises(CommandError, match="gültige E-Mail-Adresse"):
        call_command(command, "kein-at-zeichen")


def test_unconfirmed_signups_are_purged_after_the_retention_period(newsletter_channels, visitor):
    visitor.post("/newsletter/", signup_data("alt@example.org"))
    visitor.post("/newsletter/", signup_data("neu@example.org"))
    run_queued_tasks()
    kept = Subscriber.objects.create(email="bestaetigt@example.org")
    Subscription.objects.create(subscriber=kept, channel=newsletter_channels["mint"], status="active")
    long_ago = timezone.now() - timedelta(days=31)
    Subscriber.objects.exclude(email="neu@example.org").update(
        created_at=long_ago, last_confirmation_sent_at=long_ago
    )
    SignupRequest.objects.filter(email="alt@example.org").update(created_at=long_ago)

    assert purge_pending_subscribers() == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "neu@example.org",
        "bestaetigt@example.org",
    }
    assert rows_mentioning("alt@example.org") == []
    out = StringIO()
    call_command("purge_pending_subscribers", stdout=out)
    assert out.getvalue().startswith("0 unbestätigte")


def test_the_migrations_schedule_a_daily_purge_of_unconfirmed_signups(newsletter_channels):
    schedule = Schedule.objects.get(name="campaigns-purge-pending")
    assert (schedule.schedule_type, schedule.repeats) == (Schedule.DAILY, -1)
    stale = Subscriber.objects.create(email="vergessen@example.org")
    Subscription.objects.create(subscriber=stale, channel=newsletter_channels["mint"])
    kept = Subscriber.objects.create(email="bestaetigt@example.org")
    Subscription.objects.create(subscriber=kept, channel=newsletter_channels["mint"], status="active")
    Subscriber.objects.update(created_at=timezone.now() - timedelta(days=31))

    assert import_string(schedule.func)() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["bestaetigt@example.org"]


@pytest.mark.parametrize(
    "record,status,reason",
    [(record_bounce, "bounced", "bounce"), (record_complaint, "complained", "complaint")],
)
def test_bounces_and_complaints_suppress_the_address_and_stop_its_subscriptions(
    newsletter_channels, record, status, reason, visitor, inline_mail, mailoutbox
):
    subscriber = Subscriber.objects.create(email="weg@example.org")
    Subscription.objects.create(subscriber=subscriber, channel=newsletter_channels["mint"], status="active")
    record("Weg@Example.org", detail="550 5.1.1 unknown user")
    assert subscriber.subscriptions.get().status == status
    assert Suppression.objects.get().reason == reason
    event = subscriber.consent_events.get()
    assert (event.event, event.source, event.detail) == (status, "email", "550 5.1.1 unknown user")

    visitor.post("/newsletter/", signup_data("weg@example.org"))
    assert subscriber.subscriptions.get().status == status
    assert mailoutbox == []


REFUSED = "Q.Zwetschgenbaum@example.org"
REFUSED_NAME = "Quirina Zwetschgenbaum"


@pytest.mark.parametrize("erase", ["command", "admin"])
def test_erasure_also_removes_the_address_a_refusing_server_named(
    newsletter, smtp_sink, client, manager, erase
):
    """The SMTP reply stored with a failed delivery names the address; erasure leaves it nowhere."""
    reader = make_reader(newsletter.channel, REFUSED, name=REFUSED_NAME)
    smtp_sink.handler.reject[REFUSED.lower()] = (
        f"550 5.1.1 <{REFUSED}>: Recipient address rejected: User unknown"
    )
    send_inline(newsletter.campaign.pk)
    failed = Delivery.objects.get(subscriber=reader)
    assert failed.status == Delivery.Status.FAILED and REFUSED in failed.error
    needles = (REFUSED, "zwetschgenbaum", REFUSED_NAME)
    assert rows_mentioning(*needles), "the scan must see the data before the erasure"

    if erase == "command":
        call_command("erase_subscriber", REFUSED, interactive=False, stdout=StringIO())
    else:
        url = reverse("wagtailsnippets_campaigns_subscriber:delete", args=[reader.pk])
        assert client.post(url).status_code == 302

    assert rows_mentioning(*needles) == []
    failed.refresh_from_db()
    assert failed.subscriber is None and failed.status == Delivery.Status.FAILED
    assert failed.error.startswith("550 5.1.1")

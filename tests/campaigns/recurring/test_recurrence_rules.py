"""Channel recurrence rules: RFC 5545 RRULEs in local time, validated with a German error, composed in the
admin from "alle 2 Wochen, donnerstags, 7:00" and shown with the next three dates."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import get_edit_handler

from campaigns import recurrence
from campaigns.models import Channel

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_weekly_issue_keeps_its_local_time_across_the_change_to_summer_time():
    rule = "DTSTART:20270318T070000\nRRULE:FREQ=WEEKLY"
    dates = recurrence.upcoming(rule, datetime(2027, 3, 17, tzinfo=BERLIN))
    assert [timezone.localtime(d).strftime("%d.%m. %H:%M %Z") for d in dates] == [
        "18.03. 07:00 CET",
        "25.03. 07:00 CET",
        "01.04. 07:00 CEST",
    ]


def test_the_latest_date_is_the_one_at_or_before_now():
    rule = "DTSTART:20270107T070000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    assert recurrence.latest(rule, datetime(2027, 1, 21, 7, tzinfo=BERLIN)) == datetime(
        2027, 1, 21, 7, tzinfo=BERLIN
    )
    assert recurrence.latest(rule, datetime(2027, 1, 21, 6, 59, tzinfo=BERLIN)) == datetime(
        2027, 1, 7, 7, tzinfo=BERLIN
    )
    assert recurrence.latest(rule, datetime(2027, 1, 1, tzinfo=BERLIN)) is None


@pytest.mark.parametrize(
    "value",
    [
        "jeden Donnerstag",
        "RRULE:FREQ=WEEKLY;BYDAY=XX",
        "RRULE:FREQ=MINUTELY",
        "DTSTART:20270107T060000Z\nRRULE:FREQ=WEEKLY",
    ],
)
def test_a_rule_that_is_no_rrule_or_too_frequent_is_refused_in_german(value):
    with pytest.raises(ValidationError, match="Keine gültige Wiederholungsregel"):
        recurrence.validate_recurrence(value)


def test_compose_and_decompose_are_inverse_and_start_at_the_next_date():
    simple = recurrence.Simple("biweekly", 3, time(7, 0))
    rule = recurrence.compose(simple, datetime(2027, 1, 5, 12, tzinfo=BERLIN))
    assert rule == "DTSTART:20270107T070000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    assert recurrence.decompose(rule) == simple
    assert recurrence.decompose("RRULE:FREQ=MONTHLY;BYDAY=-1FR") is None


def channel_form(channel: Channel, user, **changes):
    form_class = get_edit_handler(Channel).get_form_class()
    data = {
        "name": channel.name,
        "slug": channel.slug,
        "sort_order": channel.sort_order,
        "max_items": channel.max_items,
        "nearby_km": channel.nearby_km,
        "min_items": channel.min_items,
        "welcome_subject": channel.welcome_subject,
        "recurrence": channel.recurrence,
        "requires_approval": "on",
        # The inline "Name und Beschreibung in weiteren Sprachen", left empty.
        **{f"texts-{key}": "0" for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")},
        "texts-MAX_NUM_FORMS": "1000",
        **changes,
    }
    return form_class(data, instance=channel, for_user=user)


@pytest.fixture
def channel(db) -> Channel:
    return Channel.objects.create(name="MINT-Update", slug="mint-update")


def test_the_admin_form_stores_alle_2_wochen_donnerstags_7_uhr_as_an_rrule(channel, admin_user):
    form = channel_form(
        channel, admin_user, recurrence_frequency="biweekly", recurrence_weekday="3", recurrence_time="07:00"
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.recurrence.endswith("\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH")
    assert all(
        timezone.localtime(d).strftime("%a %H:%M") == "Thu 07:00"
        for d in recurrence.upcoming(saved.recurrence, timezone.now())
    )

    again = channel_form(
        saved, admin_user, recurrence_frequency="biweekly", recurrence_weekday="3", recurrence_time="07:00"
    )
    assert again.is_valid() and again.save().recurrence == saved.recurrence

    off = channel_form(saved, admin_user, recurrence_frequency="")
    assert off.is_valid() and off.save().recurrence == ""


def test_the_admin_form_refuses_a_bad_rule_and_keeps_one_entered_by_hand(channel, admin_user):
    bad = channel_form(channel, admin_user, recurrence="alle zwei Wochen")
    assert not bad.is_valid()
    assert "Keine gültige Wiederholungsregel" in str(bad.errors["recurrence"])

    own = "RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=9;BYMINUTE=0"
    form = channel_form(channel, admin_user, recurrence=own, recurrence_frequency="")
    assert form.is_valid(), form.errors
    assert form.save().recurrence == own


def test_the_channel_page_shows_the_next_three_dates(channel, admin_client):
    Channel.objects.filter(pk=channel.pk).update(recurrence="RRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=7;BYMINUTE=0")
    html = admin_client.get(
        reverse("wagtailsnippets_campaigns_channel:edit", args=[channel.pk])
    ).content.decode()
    assert "Nächste Ausgaben:" in html
    assert html.count(", 07:00") >= 3

"""The consent log is append-only evidence; consent texts are versioned, one is current."""

import pytest
from django.db import IntegrityError

from campaigns.models import ConsentEvent, ConsentText, Subscriber

pytestmark = pytest.mark.django_db


def event() -> ConsentEvent:
    subscriber = Subscriber.objects.create(email="lena@example.org")
    return ConsentEvent.objects.create(
        subscriber=subscriber,
        email_hash="h",
        event=ConsentEvent.Event.REQUESTED,
        source="form",
        ip_address="192.0.2.1",
    )


def test_events_cannot_be_rewritten():
    logged = event()
    logged.detail = "geändert"
    with pytest.raises(TypeError):
        logged.save()
    with pytest.raises(TypeError):
        ConsentEvent.objects.filter(pk=logged.pk).update(detail="geändert")


def test_anonymising_keeps_what_happened_but_not_who():
    logged = event()
    assert ConsentEvent.objects.filter(pk=logged.pk).anonymise() == 1
    logged.refresh_from_db()
    assert (logged.subscriber, logged.email_hash, logged.ip_address, logged.detail) == (None, "", None, "")
    assert (logged.event, logged.source) == ("requested", "form")


def test_deleting_a_subscriber_keeps_their_events_anonymously():
    logged = event()
    Subscriber.objects.all().delete()
    logged.refresh_from_db()
    assert (logged.subscriber, logged.ip_address) == (None, None)


def test_saving_a_new_current_text_retires_the_old_one():
    new = ConsentText.objects.create(version="2026-01", text="Neu.", is_current=True)
    assert ConsentText.objects.current() == new
    assert not ConsentText.objects.get(version="2025-01").is_current


def test_the_database_refuses_two_current_texts():
    ConsentText.objects.create(version="2026-01", text="Neu.")
    with pytest.raises(IntegrityError):
        ConsentText.objects.filter(version="2026-01").update(is_current=True)


def test_a_text_is_used_once_an_event_refers_to_it():
    text = ConsentText.objects.current()
    assert not text.is_used
    logged = event()
    ConsentEvent.objects.create(
        subscriber=logged.subscriber, email_hash="h", event="confirmed", source="form", consent_text=text
    )
    assert text.is_used

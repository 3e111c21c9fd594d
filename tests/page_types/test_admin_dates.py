"""Dates in the admin are German: shown and read as ``20.01.2027 14:00`` for editors of either admin language,
offers dated in the past are pointed out, and slugs made from titles are ASCII."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks

from page_types.models import MintOccurrence, StandardPage
from tests.factories import make_admin, make_offer

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_offer_editor_shows_and_reads_german_dates(client, site, language):
    offer = make_offer(site["mint"], starts_in=None)
    start = datetime(2027, 1, 20, 14, 0, tzinfo=BERLIN)
    MintOccurrence.objects.create(page=offer, start=start, place="Halle")
    offer.save_revision().publish()
    client.force_login(make_admin(language))

    html = client.get(reverse("wagtailadmin_pages:edit", args=[offer.pk])).content.decode()

    assert 'value="20.01.2027 14:00"' in html
    with translation.override(language):
        typed = forms.DateTimeField().clean("20.01.2027 14:00")
        assert forms.DateField().clean("20.01.2027") == typed.date()
    assert typed == start


def messages_after(hook: str, page) -> list[str]:
    request = RequestFactory().post("/admin/")
    request._messages = CookieStorage(request)
    for function in hooks.get_hooks(hook):
        function(request, page)
    return [str(message) for message in request._messages]


@pytest.mark.parametrize("hook", ["after_create_page", "after_edit_page"])
def test_an_offer_dated_in_the_past_is_pointed_out_on_saving(site, hook):
    offer = make_offer(site["mint"], starts_in=-timedelta(days=300))
    offer.registration_deadline = timezone.localdate() - timedelta(days=301)
    start = timezone.localtime(offer.occurrences.get().start)

    warnings = messages_after(hook, offer)

    assert warnings == [
        f"Ein Termin liegt in der Vergangenheit: {start:%d.%m.%Y %H:%M}. Stimmt das Jahr?",
        f"Der Anmeldeschluss {offer.registration_deadline:%d.%m.%Y} liegt in der Vergangenheit.",
    ]


def test_an_offer_ahead_and_other_pages_are_saved_without_a_warning(site):
    offer = make_offer(site["mint"], starts_in=timedelta(days=3))
    offer.registration_deadline = timezone.localdate() + timedelta(days=1)
    assert messages_after("after_edit_page", offer) == []
    assert messages_after("after_edit_page", site["mint"]) == []


def test_slugs_made_from_a_title_are_ascii(site):
    page = StandardPage(title="Übung macht den Meister", body=[("paragraph", "<p>Text.</p>")])
    site["home"].add_child(instance=page)
    assert page.slug == "ubung-macht-den-meister"

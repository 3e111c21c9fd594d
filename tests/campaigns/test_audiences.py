"""Audiences: a saved filter over subscriber facets with a live count that costs the same few queries."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from campaigns.models import Audience, Subscriber, Subscription
from page_types.models import GradeBand, MintSubject, Municipality

pytestmark = pytest.mark.django_db

Status = Subscription.Status


def reader(channel, email, *, status=Status.ACTIVE, municipality=None, role="", grade_bands=(), subjects=()):
    subscriber = Subscriber.objects.create(
        email=email,
        role=role,
        municipality=Municipality.objects.get(slug=municipality) if municipality else None,
    )
    subscriber.grade_bands.set(GradeBand.objects.filter(slug__in=grade_bands))
    subscriber.subjects.set(MintSubject.objects.filter(slug__in=subjects))
    Subscription.objects.create(subscriber=subscriber, channel=channel, status=status)
    return subscriber


@pytest.fixture
def readers(newsletter_channels):
    mint = newsletter_channels["mint"]
    reader(mint, "lehrerin@example.org", role="teacher", municipality="asperg", grade_bands=["klasse-8-10"])
    reader(mint, "schueler@example.org", role="student", grade_bands=["klasse-5-7"], subjects=["informatik"])
    reader(mint, "wartend@example.org", status=Status.PENDING, role="teacher", grade_bands=["klasse-8-10"])
    reader(newsletter_channels["wirtschaft"], "buerger@example.org", municipality="asperg")
    return newsletter_channels


def saved(audience: Audience) -> Audience:
    """The audience as stored: parental relations are kept in memory until ``save()``."""
    audience.save()
    return Audience.objects.get(pk=audience.pk)


def emails(audience: Audience) -> set[str]:
    return set(audience.subscribers().values_list("email", flat=True))


def test_an_empty_audience_is_every_active_subscriber_of_its_channel(readers):
    audience = Audience.objects.create(name="Alle MINT", channel=readers["mint"])
    assert emails(audience) == {"lehrerin@example.org", "schueler@example.org"}
    assert Audience.objects.create(name="Alle").count() == 3


def test_criteria_combine_and_multi_valued_ones_match_any_shared_value(readers):
    audience = Audience.objects.create(
        name="Lehrkräfte in Asperg", channel=readers["mint"], roles=["teacher"]
    )
    audience.municipalities.set(Municipality.objects.filter(slug="asperg"))
    assert emails(saved(audience)) == {"lehrerin@example.org"}

    bands = Audience.objects.create(name="Mittel- und Oberstufe", channel=readers["mint"])
    bands.grade_bands.set(GradeBand.objects.filter(slug__in=["klasse-5-7", "klasse-8-10"]))
    assert saved(bands).count() == 2
    bands.subjects.set(MintSubject.objects.filter(slug="informatik"))
    assert emails(saved(bands)) == {"schueler@example.org"}


def test_live_count_costs_the_same_queries_for_five_or_five_hundred(readers, django_assert_num_queries):
    audience = Audience.objects.create(name="Mittelstufe", channel=readers["mint"])
    audience.grade_bands.set(GradeBand.objects.filter(slug="klasse-8-10"))
    audience = saved(audience)
    with django_assert_num_queries(5):
        assert audience.count() == 1
    for n in range(500):
        reader(readers["mint"], f"r{n}@example.org", grade_bands=["klasse-8-10"])
    audience = Audience.objects.get(pk=audience.pk)
    with django_assert_num_queries(5):
        assert audience.count() == 501


def test_admin_saves_roles_and_languages_as_ticked(client, django_user_model, readers):
    manager = django_user_model.objects.create_user("kampagne")
    manager.groups.add(Group.objects.get(name="Kampagnen"))
    client.force_login(manager)
    response = client.post(
        reverse("wagtailsnippets_campaigns_audience:add"),
        {"name": "Lehrkräfte", "channel": readers["mint"].pk, "roles": ["teacher"], "languages": ["de"]},
    )
    assert response.status_code == 302
    audience = Audience.objects.get(name="Lehrkräfte")
    assert (audience.roles, audience.languages) == (["teacher"], ["de"])
    assert emails(audience) == {"lehrerin@example.org"}
    edit = client.get(reverse("wagtailsnippets_campaigns_audience:edit", args=[audience.pk])).content.decode()
    assert re.search(r'value="teacher"[^>]*checked', edit)


def test_the_count_agrees_with_the_list_of_subscribers_for_every_kind_of_criterion(readers):
    mint = readers["mint"]
    cases = [
        Audience(name="Kanal", channel=mint),
        Audience(name="Rolle", channel=mint, roles=["teacher", "student"]),
        Audience(name="Sprache", channel=mint, languages=["en"]),
        Audience(name="Ohne Kanal", roles=["teacher"]),
    ]
    for audience in cases:
        audience.save()
    cases[0].municipalities.set(Municipality.objects.filter(slug="asperg"))
    cases[1].grade_bands.set(GradeBand.objects.filter(slug__in=["klasse-5-7", "klasse-8-10"]))
    cases[3].municipalities.set(Municipality.objects.filter(slug="asperg"))
    for audience in map(saved, cases):
        assert audience.count() == audience.subscribers().count() == len(emails(audience)), audience.name

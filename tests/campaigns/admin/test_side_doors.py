"""Subscriber data stays with the "Kampagnen" group through the admin's side doors, not only its menu.

Wagtail gives every snippet more URLs than its menu shows: AJAX listing and history results, a chooser with
search and a "chosen" JSON endpoint, a usage view, and the site-wide history report that names edited
objects. An editor without the group gets none of them; a campaign manager, the control, does.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from campaigns.models import ConsentEvent, ConsentText, Subscriber
from campaigns.subscriptions import request_subscription
from campaigns.subscriptions.facets import Facets
from tests.campaigns.subscribing import run_queued_tasks

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_campaigns_subscriber"
CHOOSER = "wagtailsnippetchoosers_campaigns_subscriber"
ADDRESS = "geheim.abonnentin@example.org"


def user_in(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def subscriber(newsletter_channels) -> Subscriber:
    request_subscription(
        ADDRESS,
        [newsletter_channels["mint"]],
        Facets(name="Greta Geheim"),
        source=ConsentEvent.Source.FORM,
        consent_text=ConsentText.objects.current(),
    )
    run_queued_tasks()
    return Subscriber.objects.get(email=ADDRESS)


@pytest.fixture
def edited_by_manager(client, django_user_model, subscriber) -> Subscriber:
    """The subscriber after a campaign manager changed the name in the admin (a log entry naming them)."""
    manager = user_in(django_user_model, "kampagne", "Kampagnen")
    client.force_login(manager)
    form = client.get(reverse(f"{NS}:edit", args=[subscriber.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    data["name"] = "Greta Geändert"
    response = client.post(reverse(f"{NS}:edit", args=[subscriber.pk]), data)
    assert response.status_code == 302
    client.logout()
    return subscriber


def listing_doors(subscriber: Subscriber) -> list[tuple[str, dict]]:
    return [
        (reverse(f"{NS}:list_results"), {}),
        (reverse(f"{NS}:list_results"), {"q": "geheim"}),
        (reverse(f"{NS}:history", args=[subscriber.pk]), {}),
        (reverse(f"{NS}:history_results", args=[subscriber.pk]), {}),
        (reverse(f"{NS}:usage", args=[subscriber.pk]), {}),
        (reverse("wagtailadmin_reports:site_history"), {}),
        (reverse("wagtailadmin_reports:site_history_results"), {}),
    ]


def chooser_doors(subscriber: Subscriber) -> list[tuple[str, dict]]:
    return [
        (reverse(f"{CHOOSER}:choose"), {}),
        (reverse(f"{CHOOSER}:choose_results"), {"q": "geheim"}),
        (reverse(f"{CHOOSER}:chosen", args=[subscriber.pk]), {}),
    ]


def leaking(client, doors: list[tuple[str, dict]]) -> list[str]:
    """The URLs whose answer names the subscriber."""
    return [
        url
        for url, query in doors
        if any(secret in client.get(url, query).content.decode() for secret in (ADDRESS, "Greta"))
    ]


def test_an_editor_finds_no_subscriber_in_listings_histories_or_reports(
    client, django_user_model, edited_by_manager
):
    client.force_login(user_in(django_user_model, "redaktion", "Editors"))
    assert leaking(client, listing_doors(edited_by_manager)) == []


def test_an_editor_cannot_choose_subscribers(client, django_user_model, edited_by_manager):
    client.force_login(user_in(django_user_model, "redaktion", "Editors"))
    assert leaking(client, chooser_doors(edited_by_manager)) == []


def test_a_campaign_manager_finds_the_subscriber_there(client, django_user_model, edited_by_manager):
    """Control: the same requests do reach the data for the group, so the editor's test is not vacuous."""
    client.force_login(django_user_model.objects.get(username="kampagne"))
    found = leaking(client, listing_doors(edited_by_manager) + chooser_doors(edited_by_manager))
    assert reverse(f"{NS}:list_results") in found
    assert reverse(f"{CHOOSER}:choose_results") in found
    assert reverse("wagtailadmin_reports:site_history_results") in found

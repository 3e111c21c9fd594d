"""Sending needs a confirmation that cannot go stale: a summary first, and the server asks again when the
recipient count changed or the issue has no items; discarding asks first, deletes drafts and stops, but
keeps, scheduled issues; the messages say what happened."""

from unittest import mock

import pytest
from django.urls import reverse

from campaigns.models import Campaign, CampaignRemoval
from campaigns.sending import control
from tests.campaigns.engine import make_reader


def send_url(campaign: Campaign, action: str = "send") -> str:
    return reverse("campaigns_campaign:send", args=[campaign.pk, action])


def confirm_url(campaign: Campaign, action: str = "send") -> str:
    return reverse("campaigns_campaign:confirm_send", args=[campaign.pk, action])


@pytest.fixture
def queued():
    with mock.patch("campaigns.sending.control.async_task") as task:
        yield task


def test_the_dispatch_page_only_leads_to_the_summary(newsletter, manager, client):
    page = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk])).content.decode()
    assert f'<form method="get" action="{confirm_url(newsletter.campaign)}">' in page
    assert send_url(newsletter.campaign) not in page
    assert "Ausgabe verwerfen…" in page and ">Abbrechen<" not in page


def test_the_summary_names_channel_subject_recipients_items_and_time(newsletter, manager, client, queued):
    page = client.get(confirm_url(newsletter.campaign)).content.decode()
    assert "Wirtschaft &amp; MINT" in page and "Neues für Sie im Landkreis" in page
    assert '<dd data-summary="recipients">4</dd>' in page and '<dd data-summary="items">5</dd>' in page
    assert '<dd data-summary="when">sofort</dd>' in page
    assert '<input type="hidden" name="recipients" value="4">' in page
    queued.assert_not_called()
    scheduled = client.get(confirm_url(newsletter.campaign, "schedule"), {"when": "2099-01-20T14:00"})
    assert '<dd data-summary="when">20.01.2099 14:00</dd>' in scheduled.content.decode()


def test_confirming_sends_and_says_to_how_many(newsletter, manager, client, queued):
    response = client.post(send_url(newsletter.campaign), {"recipients": 4}, follow=True)
    queued.assert_called_once_with(control.TASK_START, newsletter.campaign.pk, group=mock.ANY)
    assert "Versand von „Neues für Sie im Landkreis“ an 4 Empfänger gestartet." in response.content.decode()


def test_a_sign_up_between_summary_and_confirmation_asks_again(newsletter, manager, client, queued):
    seen = client.get(confirm_url(newsletter.campaign)).content.decode()
    assert '<dd data-summary="recipients">4</dd>' in seen
    make_reader(newsletter.channel, "neu@example.org")
    response = client.post(send_url(newsletter.campaign), {"recipients": 4})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Die Zahl der Empfänger hat sich geändert: jetzt 5 statt 4." in page
    assert '<input type="hidden" name="recipients" value="5">' in page
    queued.assert_not_called()
    client.post(send_url(newsletter.campaign), {"recipients": 5})
    queued.assert_called_once()


def test_a_confirmation_without_the_seen_count_is_asked_again(newsletter, manager, client, queued):
    response = client.post(send_url(newsletter.campaign))
    assert "jetzt 4 statt ?" in response.content.decode()
    queued.assert_not_called()


def test_an_issue_without_items_is_not_sent(newsletter, manager, client, queued):
    for page in newsletter.pages.values():
        CampaignRemoval.objects.create(campaign=newsletter.campaign, page=page)
    summary = client.get(confirm_url(newsletter.campaign)).content.decode()
    assert "enthält keine Beiträge" in summary and send_url(newsletter.campaign) not in summary
    response = client.post(send_url(newsletter.campaign), {"recipients": 0})
    assert "enthält keine Beiträge" in response.content.decode()
    queued.assert_not_called()
    assert Campaign.objects.get().status == Campaign.Status.DRAFT


def test_scheduling_says_when(newsletter, manager, client):
    response = client.post(
        send_url(newsletter.campaign, "schedule"), {"recipients": 4, "when": "2099-01-20T14:00"}, follow=True
    )
    assert "an 4 Empfänger für 20.01.2099 14:00 geplant." in response.content.decode()
    assert Campaign.objects.get().status == Campaign.Status.SCHEDULED


def test_discarding_a_draft_asks_first_then_deletes_it(newsletter, manager, client):
    url = reverse("campaigns_campaign:discard", args=[newsletter.campaign.pk])
    question = client.get(url).content.decode()
    assert "„Neues für Sie im Landkreis“ verwerfen?" in question and "Entwurf löschen" in question
    assert Campaign.objects.exists()
    response = client.post(url, follow=True)
    assert not Campaign.objects.exists()
    assert (
        "Der Entwurf „Neues für Sie im Landkreis“ wurde verworfen und gelöscht." in response.content.decode()
    )


def test_discarding_a_scheduled_issue_stops_and_keeps_it(newsletter, manager, client):
    client.post(send_url(newsletter.campaign, "schedule"), {"recipients": 4, "when": "2099-01-20T14:00"})
    url = reverse("campaigns_campaign:discard", args=[newsletter.campaign.pk])
    assert "Versand stoppen" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert Campaign.objects.get().status == Campaign.Status.CANCELLED
    assert "bleibt mit ihrem Bericht erhalten" in response.content.decode()

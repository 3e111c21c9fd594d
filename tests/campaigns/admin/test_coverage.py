"""No silent skips: the dispatch page shows who would get what before sending, and an issue that leaves more
than 5 % of its readers without a mail needs an explicit confirmation."""

from unittest import mock

import pytest
from django.urls import reverse

from campaigns.models import Campaign, CampaignRemoval, Subscriber
from tests.campaigns.engine import make_reader


def _dispatch(client, campaign) -> str:
    return client.get(reverse("campaigns_campaign:dispatch", args=[campaign.pk])).content.decode()


def test_the_page_counts_readers_by_items_and_those_with_only_further_offers(newsletter, manager, client):
    make_reader(newsletter.channel, "technik@example.org", subjects=["technik"])
    page = _dispatch(client, newsletter.campaign)
    assert "Wer was erhält" in page
    assert '<td data-items="4">4</td>' in page  # teacher, Ludwigsburg, pupil, the Technik reader
    assert '<td data-items="5">1</td>' in page  # Asperg also gets its local news
    assert '<dd data-coverage="only-more">1</dd>' in page
    assert '<dd data-coverage="skipped">0 (0,0 %)</dd>' in page
    assert 'name="confirm_skips"' not in page


@pytest.fixture
def mostly_local(newsletter):
    """An issue whose only page is the Asperg news, meant for Asperg only: three of four readers get none."""
    for name in ("offer_it", "offer_math", "news_district", "story"):
        CampaignRemoval.objects.create(campaign=newsletter.campaign, page=newsletter.pages[name])
    return newsletter


def test_the_page_says_who_gets_nothing_and_why(mostly_local, manager, client):
    page = _dispatch(client, mostly_local.campaign)
    assert '<dd data-coverage="skipped">3 (75,0 %)</dd>' in page
    assert "<td>Alle Beiträge sind nur für andere Kommunen bestimmt</td><td>3</td>" in page
    confirm = client.get(reverse("campaigns_campaign:confirm_send", args=[mostly_local.campaign.pk, "send"]))
    assert confirm.content.decode().count('name="confirm_skips"') == 1  # asked on the send summary


def test_sending_with_many_skips_needs_the_confirmation(mostly_local, manager, client):
    url = reverse("campaigns_campaign:send", args=[mostly_local.campaign.pk, "send"])
    with mock.patch("campaigns.sending.control.async_task") as queued:
        refused = client.post(url, {"recipients": 1}, follow=True)  # only Asperg gets a mail
        assert "bestätigen Sie den Versand ausdrücklich" in refused.content.decode()
        assert not queued.called
        assert Campaign.objects.get(pk=mostly_local.campaign.pk).status == Campaign.Status.DRAFT
        client.post(url, {"confirm_skips": "1", "recipients": 1})
        assert queued.called


def test_few_skips_need_no_confirmation(mostly_local, manager, client):
    for number in range(60):
        make_reader(mostly_local.channel, f"asperg{number}@example.org", municipality="asperg")
    assert Subscriber.objects.count() == 64
    with mock.patch("campaigns.sending.control.async_task") as queued:
        client.post(
            reverse("campaigns_campaign:send", args=[mostly_local.campaign.pk, "send"]), {"recipients": 61}
        )
    assert queued.called

"""An issue's content: the channel rule for the period since the last issue, the editor's picks first and
removals left out, grouped in sections by content family."""

from datetime import timedelta

from django.utils import timezone

from campaigns.models import Campaign, CampaignPick, CampaignRemoval
from campaigns.rendering.content import SECTION_ORDER, campaign_page_ids, newsletter_items, sections
from page_types.models import ContentPage
from tests.campaigns.engine import make_campaign


def test_default_period_starts_at_the_last_sent_issue(newsletter):
    older = newsletter.pages["story"]
    ContentPage.objects.filter(pk=older.pk).update(first_published_at=timezone.now() - timedelta(days=30))
    make_campaign(
        newsletter.channel, status=Campaign.Status.SENT, started_at=timezone.now() - timedelta(days=7)
    )

    ids = campaign_page_ids(newsletter.campaign)
    assert older.pk not in ids
    assert newsletter.pages["offer_it"].pk in ids


def test_picks_come_first_in_their_section_and_removals_are_left_out(newsletter):
    campaign, pages = newsletter.campaign, newsletter.pages
    CampaignPick.objects.create(campaign=campaign, page=pages["offer_math"], sort_order=0)
    CampaignRemoval.objects.create(campaign=campaign, page=pages["news_asperg"])
    campaign = Campaign.objects.get(pk=campaign.pk)

    ids = campaign_page_ids(campaign)
    assert pages["news_asperg"].pk not in ids
    mint = [pk for pk in ids if pk in (pages["offer_math"].pk, pages["offer_it"].pk)]
    assert mint == [pages["offer_math"].pk, pages["offer_it"].pk]


def test_sections_follow_the_family_order(newsletter):
    items = newsletter_items(campaign_page_ids(newsletter.campaign))
    families = [section.family for section in sections(items)]
    assert families == sorted(families, key=SECTION_ORDER.index)
    assert len(families) == len(set(families)) == 3


def test_frozen_content_does_not_change(newsletter):
    campaign = newsletter.campaign
    campaign.frozen_page_ids = [newsletter.pages["story"].pk]
    assert campaign_page_ids(campaign) == [newsletter.pages["story"].pk]


def test_items_have_absolute_links_and_rendition_urls(newsletter, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://leuchtturm.example"
    offer = next(i for i in newsletter_items([newsletter.pages["offer_it"].pk]))
    assert offer.url.startswith("https://leuchtturm.example/")
    assert offer.image_url.startswith("https://leuchtturm.example/media/images/")
    assert offer.image_alt == "Jugendliche bauen einen Roboter"

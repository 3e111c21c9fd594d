"""What a rendered newsletter holds: language, headings, alt texts, absolute links, the Impressum and the
personal links in the footer — and nothing loaded from anywhere but the site itself."""

import re

import pytest
from django.utils import timezone, translation

from campaigns.models import Variant
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.content import campaign_page_ids
from campaigns.rendering.personalise import Split, sample_personal

BASE = "https://leuchtturm.example"


@pytest.fixture
def rendered(newsletter, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    campaign = newsletter.campaign
    campaign.intro = (
        f'<p>Siehe <a linktype="page" id="{newsletter.pages["story"].pk}">unsere Geschichte</a>.</p>'
    )
    page_ids = campaign_page_ids(campaign)
    return CampaignRenderer(campaign, page_ids).render(page_ids, "de")


def test_html_is_german_with_semantic_headings_and_alt_texts(rendered):
    html = rendered.html
    assert '<html lang="de"' in html
    assert html.count("<h1") == 1
    assert re.search(r"<h2[^>]*>\s*Leuchttürme", html) and re.search(r"<h2[^>]*>\s*MINT-Angebote", html)
    assert re.search(r"<h3[^>]*><a [^>]*>Robotik-Workshop</a></h3>", html)
    images = re.findall(r"<img [^>]*>", html)
    assert images and all(re.search(r'alt="[^"]+"', image) for image in images)


def test_no_remote_asset_but_the_sites_renditions(rendered):
    html = rendered.html
    assert "fonts.googleapis" not in html and "<link" not in html and "@import" not in html
    sources = re.findall(r'src="([^"]+)"', html)
    assert sources and all(source.startswith(f"{BASE}/media/images/") for source in sources)


def test_links_are_absolute_and_the_footer_has_imprint_and_personal_links(rendered):
    hrefs = re.findall(r'href="([^"]+)"', rendered.html)
    assert all(href.startswith(("https://", "%%LT_")) for href in hrefs), hrefs
    story = f"{BASE}/leuchttuerme/ein-leuchtturm-der-logistik/"
    assert f'<p>Siehe <a href="{story}">unsere Geschichte</a>.</p>' in rendered.html  # the intro, as HTML
    for text in (rendered.html, rendered.text):
        assert "Impressum" in text and "Landratsamt Ludwigsburg" in text
        assert "%%LT_UNSUBSCRIBE_URL%%" in text and "%%LT_PREFERENCES_URL%%" in text


def test_text_part_carries_the_same_content(rendered):
    text = rendered.text
    for title in (
        "Robotik-Workshop",
        "Mathe-Olympiade",
        "Der Landkreis in Zahlen",
        "Ein Leuchtturm der Logistik",
    ):
        assert title in text
    assert f"unsere Geschichte ({BASE}/leuchttuerme/ein-leuchtturm-der-logistik/)" in text
    assert "<" not in text


def test_personal_values_are_escaped_into_html(rendered):
    variant = Variant(html=rendered.html, text=rendered.text, language="de")
    personal = sample_personal("de")
    html = Split.of(variant.html).fill({**personal.as_html(), "salutation": "Guten Tag &lt;Max&gt;,"})
    assert "%%LT_" not in html and "Guten Tag &lt;Max&gt;," in html


def test_dates_in_the_content_are_german_whoever_renders_the_issue(newsletter):
    """The admin's preview renders in the editor's admin language; the mail's dates must not follow it."""
    campaign = newsletter.campaign
    page_ids = campaign_page_ids(campaign)
    with translation.override("en"):
        rendered = CampaignRenderer(campaign, page_ids).render(page_ids, "de")
    start = timezone.localtime(newsletter.pages["offer_it"].upcoming_occurrences()[0].start)
    assert f"Termin: {start:%d.%m.%Y %H:%M}" in rendered.text


def test_english_readers_get_an_english_frame_around_german_content_marked_as_such(newsletter, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    page_ids = campaign_page_ids(newsletter.campaign)
    rendered = CampaignRenderer(newsletter.campaign, page_ids).render(page_ids, "en")
    html = rendered.html
    assert '<html lang="en"' in html  # the frame is the reader's; each German item says it is German
    assert "Weiterlesen" not in html and "Read more" in html
    assert re.search(r"<h2[^>]*>\s*STEM activities", html)
    assert re.search(
        r'<div lang="de"><h3[^>]*><a [^>]*>Robotik-Workshop</a> <span lang="en"[^>]*>\(in German\)', html
    )

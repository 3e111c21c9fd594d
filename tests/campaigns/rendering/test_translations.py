"""Each item of a mail in the reader's language where it is translated, else in German marked "(auf Deutsch)"
in the reader's language and with its ``lang``; the frame in the reader's language; variants by language
only, whatever the number of translations; a further language (Arabic) written right to left."""

import re
from unittest import mock

import pytest
from mjml import mjml2html
from wagtail.models import Locale

from campaigns.admin.campaign_views import campaign_variants
from campaigns.models import CampaignText, ChannelText, Delivery, Subscriber, Variant
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.content import campaign_page_ids
from campaigns.sending import control, freeze
from campaigns.sending.test_mail import send_test
from campaigns.sending.variant_cache import variant_mail
from tests.factories import translate

BASE = "https://leuchtturm.example"


def item_blocks(html: str) -> dict[str, str]:
    """Each item's block (from its ``<div>`` to its title's end) by title."""
    blocks = re.findall(r'(<div(?: lang="\w+")?>\s*<h3[^>]*><a [^>]*>([^<]+)</a>.*?</h3>)', html, re.S)
    return {title: block for block, title in blocks}


@pytest.fixture
def translated(newsletter, settings):
    """The newsletter with the Robotik workshop and the story translated into English."""
    settings.WAGTAILADMIN_BASE_URL = BASE
    translate(newsletter.pages["offer_it"], title="Robotics workshop", teaser="Build a robot.")
    translate(newsletter.pages["story"], title="A logistics lighthouse", teaser="How it began.")
    return newsletter


def render(newsletter, language: str):
    page_ids = campaign_page_ids(newsletter.campaign)
    return CampaignRenderer(newsletter.campaign, page_ids).render(page_ids, language)


def test_an_english_reader_gets_translated_items_in_english_and_the_others_marked_german(translated):
    rendered = render(translated, "en")
    assert '<html lang="en"' in rendered.html and "Read more" in rendered.html
    blocks = item_blocks(rendered.html)
    assert (
        blocks["Robotics workshop"].startswith("<div>") and "(in German)" not in blocks["Robotics workshop"]
    )
    german = blocks["Mathe-Olympiade"]
    assert german.startswith('<div lang="de">')
    assert re.search(r'<span lang="en"[^>]*>\(in German\)</span>', german)
    assert "Robotik-Workshop" not in rendered.html and "Build a robot." in rendered.html
    assert f"{BASE}/en/mint/robotik-workshop/" in rendered.html  # the translation's own address
    assert "* Robotics workshop\n" in rendered.text and "* Mathe-Olympiade (in German)\n" in rendered.text


def test_campaign_texts_written_in_german_are_marked_so_in_an_english_mail(translated):
    html = render(translated, "en").html
    assert re.search(r'<h1 lang="de"[^>]*>Neues für Sie im Landkreis</h1>', html)
    assert '<div lang="de"><p>Liebe Leserinnen und Leser' in html


def test_a_german_reader_gets_the_originals_unmarked(translated):
    rendered = render(translated, "de")
    assert '<html lang="de"' in rendered.html and "Robotik-Workshop" in rendered.html
    assert "Robotics workshop" not in rendered.html and "(auf Deutsch)" not in rendered.html
    assert not re.search(r'<(div|span|h1|h3) lang="', rendered.html)


def test_variants_grow_by_language_only_not_by_translation(translated):
    newsletter = translated
    for name in ("teacher", "asperg"):
        twin = newsletter.readers[name]
        clone = Subscriber.objects.create(
            email=f"en-{twin.email}", language="en", municipality=twin.municipality
        )
        clone.subjects.set(twin.subjects.all())
        clone.grade_bands.set(twin.grade_bands.all())
        clone.subscriptions.create(channel=newsletter.channel, status="active")
    control.begin(newsletter.campaign.pk)
    with mock.patch("campaigns.rendering.mjml.mjml2html", wraps=mjml2html) as renders:
        freeze.prepare(newsletter.campaign.pk)
    variants = Variant.objects.filter(campaign=newsletter.campaign)
    # The four German variants, and one English variant for each of the two English readers' rankings.
    assert variants.count() == 6 and renders.call_count == 6
    assert sorted(variants.values_list("language", flat=True)) == ["de"] * 4 + ["en"] * 2
    english = Delivery.objects.get(subscriber__email="en-lehrerin@example.org").variant
    assert "Robotics workshop" in english.html and "Mathe-Olympiade" in english.html


def test_a_further_language_renders_right_to_left_with_its_lang(newsletter, settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabisch")]
    Locale.objects.create(language_code="ar")
    translate(newsletter.pages["offer_it"], "ar", title="ورشة الروبوتات")
    html = render(newsletter, "ar").html
    assert re.search(r'<html lang="ar" dir="rtl"', html)
    assert item_blocks(html)["ورشة الروبوتات"].startswith("<div>")
    assert item_blocks(html)["Mathe-Olympiade"].startswith('<div lang="de">')


def test_the_channel_is_named_in_the_readers_language_where_an_editor_translated_it(translated):
    html = render(translated, "en").html
    assert '<span lang="de">Wirtschaft &amp; MINT</span>' in html
    ChannelText.objects.create(channel=translated.channel, language="en", name="Economy & STEM")
    html = render(translated, "en").html
    assert "<span>Economy &amp; STEM</span>" in html and "subscribed to “Economy &amp; STEM”" in html
    assert "<span>Wirtschaft &amp; MINT</span>" in render(translated, "de").html


def test_an_issue_translated_by_its_editor_greets_english_readers_in_english(translated, smtp_sink):
    campaign = translated.campaign
    CampaignText.objects.create(
        campaign=campaign,
        language="en",
        subject="News for you in the district",
        preheader="MINT offers and news",
        intro="<p>Dear readers, here is the latest.</p>",
    )
    english = render(translated, "en")
    assert re.search(r"<h1 style[^>]*>News for you in the district</h1>", english.html)
    assert "<div><p>Dear readers, here is the latest.</p></div>" in english.html
    assert "Neues für Sie im Landkreis" not in english.html and "Liebe Leserinnen" not in english.html
    assert "News for you in the district\n" in english.text and "MINT offers and news" in english.html
    german = render(translated, "de")  # the German readers keep the issue's own texts
    assert "Neues für Sie im Landkreis" in german.html and "Dear readers" not in german.html
    # The mail's subject follows the variant's language, the test mail's too.
    Subscriber.objects.filter(pk=translated.readers["asperg"].pk).update(language="en")
    variants = {variant.language: variant for variant in campaign_variants(campaign)}
    assert variant_mail(campaign, variants["en"]).subject == "News for you in the district"
    assert variant_mail(campaign, variants["de"]).subject == "Neues für Sie im Landkreis"
    send_test(campaign, variants["en"], ["probe@example.org"])
    [test] = smtp_sink.handler.to("probe@example.org")
    assert test.message["Subject"] == "[Test] News for you in the district"


def test_the_issue_texts_are_read_once_for_all_variants(translated, django_assert_num_queries):
    CampaignText.objects.create(campaign=translated.campaign, language="en", subject="News for you")
    renderer = CampaignRenderer(translated.campaign, campaign_page_ids(translated.campaign))
    renderer.texts_in("en")  # the first variant reads them
    with django_assert_num_queries(0):  # every further variant, in any language, does not
        assert renderer.texts_in("en")["subject"] == "News for you"
        assert renderer.texts_in("de")["subject"] == "Neues für Sie im Landkreis"

"""Web versions of sent issues: the general version and each variant's ("Im Browser ansehen"), with nothing
personal and no measurement, a head for sharing, 404 for what is unknown or unsent, a login for non-public
channels."""

import re

import pytest
from django.urls import reverse

from campaigns.models import Campaign, CampaignText, Subscriber, Variant
from campaigns.sending.inline import send_inline
from tests.campaigns.engine import make_campaign

pytestmark = pytest.mark.django_db

BASE = "https://leuchtturm.example"


@pytest.fixture
def sent(newsletter, smtp_sink, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    send_inline(newsletter.campaign.pk)
    return newsletter


def browser_link(sink, address: str) -> str:
    """The "Im Browser ansehen" link of the reader's mail, from its text part."""
    [received] = sink.handler.to(address)
    text = next(
        p for p in received.message.iter_parts() if p.get_content_type() == "text/plain"
    ).get_content()
    return re.search(r"Im Browser ansehen: (\S+)", text).group(1)


def assert_nothing_personal(html: str) -> None:
    for marker in (
        "/newsletter/unsubscribe/",
        "/newsletter/preferences/",
        "/newsletter/link/",
        "/newsletter/open/",
    ):
        assert marker not in html
    assert "%%LT_" not in html
    assert "Jörg" not in html and "Lea" not in html


def test_the_general_version_is_public_and_impersonal(sent, client):
    campaign = sent.campaign
    response = client.get(f"/newsletter/wirtschaft-mint/{campaign.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    style_src = next(d for d in response["Content-Security-Policy"].split(";") if "style-src" in d)
    assert "'unsafe-inline'" in style_src, "the mail's inline styles apply"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert '<html lang="de"' in html
    assert '<meta name="description" content="MINT-Angebote und Nachrichten">' in html
    assert f'<link rel="canonical" href="{BASE}/newsletter/wirtschaft-mint/{campaign.pk}/">' in html
    assert re.search(r'<meta property="og:image" content="https://leuchtturm\.example/[^"]+\.png">', html)
    assert '<meta property="og:image:alt" content="Jugendliche bauen einen Roboter">' in html
    assert '<meta property="og:title" content="Neues für Sie im Landkreis">' in html
    assert "Guten Tag," in html
    for title in ("Robotik-Workshop", "Mathe-Olympiade", "Der Landkreis in Zahlen"):
        assert title in html
    assert "Neues Gewerbegebiet in Asperg" not in html, "local news is for Asperg's readers only"
    assert_nothing_personal(html)
    assert not response.cookies
    again = client.get(f"/newsletter/wirtschaft-mint/{campaign.pk}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_each_mail_links_to_the_web_version_of_its_own_variant(sent, smtp_sink, client):
    asperg = browser_link(smtp_sink, "asperg@example.org")
    teacher = browser_link(smtp_sink, "lehrerin@example.org")
    assert asperg != teacher
    variant = Variant.objects.get(deliveries__subscriber=sent.readers["asperg"])
    assert asperg == f"{BASE}/newsletter/wirtschaft-mint/{sent.campaign.pk}/{variant.web_key}/"
    assert variant.web_key not in variant.key and len(variant.web_key) >= 32

    html = client.get(asperg.removeprefix(BASE)).content.decode()
    assert "Neues Gewerbegebiet in Asperg" in html
    assert '<meta name="robots" content="noindex">' not in html
    assert f'<link rel="canonical" href="{BASE}/newsletter/wirtschaft-mint/{sent.campaign.pk}/">' in html
    assert_nothing_personal(html)
    teacher_html = client.get(teacher.removeprefix(BASE)).content.decode()
    assert "Neues Gewerbegebiet in Asperg" not in teacher_html
    assert_nothing_personal(teacher_html)


def test_a_measured_variant_is_shown_without_measurement(newsletter, smtp_sink, settings, client):
    settings.WAGTAILADMIN_BASE_URL = BASE
    newsletter.channel.tracking_enabled = True
    newsletter.channel.save()
    Subscriber.objects.filter(pk=newsletter.readers["teacher"].pk).update(tracking_consent=True)
    send_inline(newsletter.campaign.pk)
    variant = Variant.objects.get(deliveries__subscriber=newsletter.readers["teacher"])
    assert variant.tracked and "/newsletter/link/" in variant.html
    assert f'href="{browser_link(smtp_sink, "lehrerin@example.org")}"' in variant.html, "not measured"

    html = client.get(browser_link(smtp_sink, "lehrerin@example.org").removeprefix(BASE)).content.decode()
    assert "Robotik-Workshop" in html
    assert_nothing_personal(html)


def test_unknown_unsent_and_guessed_issues_are_not_found_in_german(sent, client):
    draft = make_campaign(sent.channel, subject="Noch in Arbeit")
    variant = Variant.objects.filter(campaign=sent.campaign).first()
    paths = [
        f"/newsletter/wirtschaft-mint/{draft.pk}/",
        "/newsletter/wirtschaft-mint/999999/",
        f"/newsletter/anderer-kanal/{sent.campaign.pk}/",
        f"/newsletter/wirtschaft-mint/{sent.campaign.pk}/{variant.key}/",
        f"/newsletter/wirtschaft-mint/{sent.campaign.pk}/geraten/",
        f"/newsletter/wirtschaft-mint/{draft.pk}/{variant.web_key}/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Seite nicht gefunden" in response.content.decode(), path


def test_a_non_public_channels_web_versions_need_a_login(sent, smtp_sink, client, django_user_model):
    Campaign.objects.filter(pk=sent.campaign.pk).update(status=Campaign.Status.SENT)
    sent.channel.is_public = False
    sent.channel.save()
    general = f"/newsletter/wirtschaft-mint/{sent.campaign.pk}/"
    variant = browser_link(smtp_sink, "asperg@example.org").removeprefix(BASE)
    for path in (general, variant):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("wagtailadmin_login"))

    editor = django_user_model.objects.create_superuser("redaktion", "redaktion@example.org", "pw")
    client.force_login(editor)
    for path in (general, variant):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<meta name="robots" content="noindex">' in response.content.decode()
        assert "private" in response["Cache-Control"]


def test_an_english_readers_web_version_is_titled_and_described_in_english(
    newsletter, smtp_sink, settings, client
):
    settings.WAGTAILADMIN_BASE_URL = BASE
    CampaignText.objects.create(
        campaign=newsletter.campaign,
        language="en",
        subject="News for you in the district",
        preheader="STEM activities and news",
    )
    Subscriber.objects.filter(pk=newsletter.readers["teacher"].pk).update(language="en")
    send_inline(newsletter.campaign.pk)
    variant = Variant.objects.get(deliveries__subscriber=newsletter.readers["teacher"])
    assert variant.language == "en"
    path = f"/newsletter/wirtschaft-mint/{newsletter.campaign.pk}/{variant.web_key}/"
    html = client.get(path).content.decode()
    assert '<meta property="og:title" content="News for you in the district">' in html
    assert '<meta name="description" content="STEM activities and news">' in html

"""The newsletter pages in the reader's language: each page also lives under the prefix of every further
content language (``/en/newsletter/…``) and speaks it, the language switcher leads between the two, and a
mail links the pages in its reader's language."""

import re

import pytest

from campaigns.models import ChannelText, ConsentEvent, ConsentText, SignupRequest
from campaigns.rendering.personalise import LinkBuilder, sample_personal
from tests.campaigns.subscribing import link_in, run_queued_tasks, signup_data
from tests.page_types.markup import soup

pytestmark = pytest.mark.django_db


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def test_the_sign_up_page_speaks_the_language_of_its_address(visitor, newsletter_channels):
    german = visitor.get("/newsletter/").content.decode()
    english = visitor.get("/en/newsletter/").content.decode()
    assert html_lang(german) == "de" and "Newsletter abonnieren" in german
    assert html_lang(english) == "en" and "Subscribe to the newsletter" in english
    assert "Newsletter abonnieren" not in english
    # The switcher leads to the same page in the other language.
    assert 'href="/en/newsletter/" lang="en" hreflang="en"' in german
    assert 'href="/newsletter/" lang="de" hreflang="de"' in english


def test_an_english_sign_up_gets_its_confirmation_in_english_with_an_english_link(
    smtp_sink, inline_mail, visitor, newsletter_channels, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/en/newsletter/", signup_data("sam@example.org", language="en"))
        visitor.post("/newsletter/", signup_data("lena@example.org"))
    [english] = smtp_sink.handler.to("sam@example.org")
    [german] = smtp_sink.handler.to("lena@example.org")
    english_link = link_in(english.message.get_content(), "confirm")
    assert english_link.startswith("/en/newsletter/confirm/")
    assert link_in(german.message.get_content(), "confirm").startswith("/newsletter/confirm/")
    page = visitor.get(english_link).content.decode()
    assert html_lang(page) == "en" and "Yes, confirm subscription" in page


def test_a_newsletter_links_its_readers_pages_in_their_language(newsletter):
    links = LinkBuilder(newsletter.channel)
    reader = newsletter.readers["teacher"]
    german = links.personal(reader, links.unsubscribe_url(reader))
    reader.language = "en"
    english = links.personal(reader, links.unsubscribe_url(reader))
    assert "/newsletter/preferences/" in german.preferences_url and "/en/" not in german.preferences_url
    assert "/en/newsletter/preferences/" in english.preferences_url
    assert "/en/newsletter/unsubscribe/" in english.unsubscribe_url
    assert "/newsletter/unsubscribe/" in german.unsubscribe_url and "/en/" not in german.unsubscribe_url
    assert sample_personal("en").preferences_url.endswith("/en/newsletter/")


def test_the_english_form_names_the_newsletters_in_english_and_preselects_english(
    visitor, newsletter_channels
):
    mint = newsletter_channels["mint"]
    ChannelText.objects.create(
        channel=mint, language="en", name="STEM update", description="New STEM activities near you."
    )
    english = soup(visitor.get("/en/newsletter/"))
    box = english.find("input", attrs={"name": "channels", "value": mint.slug})
    assert english.find("label", attrs={"for": box["id"]}).get_text(strip=True) == "STEM update"
    assert "New STEM activities near you." in english.get_text()
    assert english.find("input", attrs={"name": "language", "value": "en"}).has_attr("checked")
    # A newsletter without English texts keeps its German name; the German form stays German.
    other = newsletter_channels["wirtschaft"]
    other_box = english.find("input", attrs={"name": "channels", "value": other.slug})
    assert english.find("label", attrs={"for": other_box["id"]}).get_text(strip=True) == other.name
    german = soup(visitor.get("/newsletter/"))
    assert german.find("input", attrs={"name": "language", "value": "de"}).has_attr("checked")
    german_box = german.find("input", attrs={"name": "channels", "value": mint.slug})
    assert german.find("label", attrs={"for": german_box["id"]}).get_text(strip=True) == mint.name


def test_the_english_confirmation_names_the_newsletter_in_english(
    smtp_sink, inline_mail, visitor, newsletter_channels, django_capture_on_commit_callbacks
):
    ChannelText.objects.create(channel=newsletter_channels["mint"], language="en", name="STEM update")
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/en/newsletter/", signup_data("sam@example.org", language="en"))
    [mail] = smtp_sink.handler.to("sam@example.org")
    assert "- STEM update" in mail.message.get_content()


def test_a_language_added_to_the_site_is_offered_to_readers(visitor, newsletter_channels, settings):
    refused = visitor.post("/newsletter/", signup_data("amal@example.org", language="ar"))
    assert "Unbekannte Sprache: „ar“." in refused.content.decode()
    assert not SignupRequest.objects.exists()
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabisch")]
    form = soup(visitor.get("/newsletter/"))
    assert [radio["value"] for radio in form.select('input[name="language"]')] == ["de", "en", "ar"]
    visitor.post("/newsletter/", signup_data("amal@example.org", language="ar"))
    assert SignupRequest.objects.get(email="amal@example.org").facets["language"] == "ar"


def test_english_readers_consent_to_the_english_wording_of_the_same_version(visitor, newsletter_channels):
    consent = ConsentText.objects.get(version="2025-01")
    consent.translated_texts = {"en": "Please send me [Kanäle] by e-mail."}
    consent.save()
    ChannelText.objects.create(channel=newsletter_channels["mint"], language="en", name="STEM update")
    english = visitor.get("/en/newsletter/").content.decode()
    german = visitor.get("/newsletter/").content.decode()
    assert "Please send me the newsletters chosen above by e-mail." in english
    assert "Please send me" not in german and consent.text.split("[")[0] in german
    visitor.post("/en/newsletter/", signup_data("sam@example.org", language="en"))
    visitor.post("/newsletter/", signup_data("lena@example.org"))
    run_queued_tasks()
    wordings = dict(
        ConsentEvent.objects.filter(event=ConsentEvent.Event.REQUESTED).values_list(
            "signup_request__email", "wording"
        )
    )
    assert wordings["sam@example.org"] == "Please send me „STEM update“ by e-mail."
    assert wordings["lena@example.org"] == consent.wording_for(["MINT-Update"])
    assert "Please send me" not in wordings["lena@example.org"]

"""The site in several languages: German addresses unchanged, translations under /en/…, a switcher to the
same page in the other language (or a note that there is none), ``lang`` and ``dir`` of each page, and a
further language by configuration only."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import Locale

from tests.factories import make_offer, make_site, make_story, translate

# Its tests search, so saving a page indexes it (tests/conftest.py).
pytestmark = pytest.mark.search_index


@pytest.fixture
def story(db):
    site = make_site()
    return make_story(site["lighthouse"], "Bosch baut aus", municipalities=["ludwigsburg"])


def soup_of(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def test_german_addresses_keep_no_prefix_and_english_ones_get_theirs(client, story):
    english = translate(story, title="Bosch expands", teaser="A new plant.")
    assert story.url == "/leuchttuerme/bosch-baut-aus/"
    assert english.url == "/en/leuchttuerme/bosch-baut-aus/"
    page = soup_of(client, english.url)
    assert page.html["lang"] == "en" and page.html["dir"] == "ltr"
    assert page.h1.get_text(strip=True) == "Bosch expands"
    assert client.get(english.url).headers["Content-Language"] == "en"
    german = soup_of(client, story.url)
    assert german.html["lang"] == "de" and german.h1.get_text(strip=True) == "Bosch baut aus"


def test_the_switcher_goes_to_the_same_page_in_the_other_language(client, story):
    english = translate(story, title="Bosch expands")
    switcher = soup_of(client, story.url).find("nav", class_="language-switcher")
    link = switcher.find("a", hreflang="en")
    assert link["href"] == english.url and link.get_text() == "English" and link["lang"] == "en"
    assert switcher.find(attrs={"aria-current": "true"}).get_text() == "Deutsch"
    back = soup_of(client, english.url).find("nav", class_="language-switcher").find("a", hreflang="de")
    assert back["href"] == story.url


def test_the_switcher_says_when_a_page_has_no_translation(client, story):
    translate(story.get_parent())  # the English story index exists, this story does not
    switcher = soup_of(client, story.url).find("nav", class_="language-switcher")
    assert not switcher.find("a")
    missing = switcher.find(class_="language-missing").get_text()
    assert "diese Seite gibt es nicht in dieser Sprache" in missing


def test_translated_pages_name_each_other_in_hreflang_alternates(client, story):
    english = translate(story, title="Bosch expands")
    for page in (story, english):
        links = soup_of(client, page.url).find_all("link", rel="alternate", hreflang=True)
        assert {link["hreflang"]: link["href"] for link in links} == {
            "de": story.get_full_url(),
            "en": english.get_full_url(),
        }


def test_a_further_language_is_configuration_and_arabic_is_written_right_to_left(client, story, settings):
    languages = [*settings.LANGUAGES, ("ar", "Arabisch")]
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = languages
    Locale.objects.create(language_code="ar")
    arabic = translate(story, "ar", title="بوش يتوسع")
    assert arabic.url == "/ar/leuchttuerme/bosch-baut-aus/"
    page = soup_of(client, arabic.url)
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert page.find("nav", class_="language-switcher").find("a", hreflang="de")["href"] == story.url
    assert soup_of(client, story.url).html["dir"] == "ltr"


def test_links_in_a_translation_go_to_the_translations_of_the_pages_they_name(client, story):
    offer = make_offer(story.get_parent().get_parent().get_children().get(slug="mint"), "Robotik-Workshop")
    offer_en = translate(offer, title="Robotics workshop")
    link = f'<p>Siehe <a linktype="page" id="{offer.pk}">das Angebot</a>.</p>'
    english = translate(story, title="Bosch expands", body=[("paragraph", link)])
    assert soup_of(client, english.url).find("a", string="das Angebot")["href"] == offer_en.url


def test_wagtails_editors_may_translate_pages(db):
    for name in ("Editors", "Moderators"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="submit_translation").exists(), name


def test_the_search_under_a_language_prefix_finds_the_pages_in_that_language(client, story):
    translate(story, title="Bosch expands", teaser="Bosch builds a new plant.")

    def titles(path: str) -> list[str]:
        hits = soup_of(client, path).select(".search-hit-title a")
        return [" ".join(hit.get_text().split()) for hit in hits]

    assert titles("/en/suche/?q=Bosch") == ["Bosch expands"]
    assert titles("/suche/?q=Bosch") == ["Bosch baut aus"]

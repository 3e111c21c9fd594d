"""A feed per language (``?locale=en``): each entry in that language where translated, else in German marked
so; the entry keeps its identity across languages; the German feed holds no translation twice."""

import pytest

from campaigns.models import ChannelText
from page_types.public_urls import public_base_url
from tests.campaigns.feeding import item_ids, parse_feed, parse_json_feed
from tests.factories import translate


@pytest.fixture
def translated(feed_site):
    translate(feed_site.pages["story"], title="A lighthouse in Tamm", teaser="Where it began.")
    return feed_site


@pytest.mark.parametrize("outlet", ["rss", "atom", "json"])
def test_the_german_feed_is_unchanged_by_translations(client, translated, outlet):
    german = client.get(translated.url("alles", outlet))
    assert sorted(item_ids(german, outlet)) == sorted(page.pk for page in translated.pages.values())
    assert german["Content-Language"] == "de"
    assert b"A lighthouse in Tamm" not in german.content


def test_the_english_rss_feed_shows_translations_and_marks_the_rest_german(client, translated):
    response = client.get(translated.url("alles", "rss", "?locale=en"))
    feed = parse_feed(response)
    assert response["Content-Language"] == "en" and feed.feed.language == "en"
    titles = {entry.title: entry for entry in feed.entries}
    story = titles["A lighthouse in Tamm"]
    assert story.link == f"{public_base_url()}/en/leuchttuerme/ein-leuchtturm-in-tamm/"
    assert story.id.endswith(f"page-{translated.pages['story'].pk}")  # the same entry as in German
    assert "Der Landkreis in Zahlen (in German)" in titles
    assert len(feed.entries) == len(translated.pages)


def test_the_english_json_feed_names_the_language_of_untranslated_items(client, translated):
    feed = parse_json_feed(client.get(translated.url("alles", "json", "?locale=en")))
    assert feed["language"] == "en"
    by_title = {item["title"]: item for item in feed["items"]}
    assert "language" not in by_title["A lighthouse in Tamm"]
    assert by_title["Die erste Fabrik (in German)"]["language"] == "de"


def test_an_unknown_language_is_a_bad_request(client, translated):
    assert client.get(translated.url("alles", "rss", "?locale=xx")).status_code == 400


def test_the_english_feed_names_the_channel_in_english_where_an_editor_translated_it(client, translated):
    channel = translated.channels["alles"]
    ChannelText.objects.create(channel=channel, language="en", name="Everything", description="All of it.")
    feed = parse_feed(client.get(translated.url("alles", "rss", "?locale=en")))
    assert feed.feed.title.startswith("Everything – ") and feed.feed.description == "All of it."
    assert parse_feed(client.get(translated.url("alles", "rss"))).feed.title.startswith("Alles – ")


def test_a_feed_under_the_english_prefix_is_the_english_feed(client, translated):
    response = client.get("/en/feeds/alles/rss/")
    feed = parse_feed(response)
    assert response["Content-Language"] == "en" and feed.feed.language == "en"
    assert "A lighthouse in Tamm" in {entry.title for entry in feed.entries}
    # ?locale= still decides where it is given; without a prefix the feed stays German.
    assert client.get("/en/feeds/alles/rss/?locale=de")["Content-Language"] == "de"
    assert client.get("/feeds/alles/rss/", headers={"Accept-Language": "en"})["Content-Language"] == "de"


def test_the_feeds_page_in_english_links_the_english_feeds(client, translated):
    response = client.get("/en/feeds/")
    assert response.status_code == 200
    document = response.content.decode()
    assert '<html lang="en"' in document
    assert 'href="/en/feeds/alles/rss/"' in document
    assert 'href="/feeds/" lang="de" hreflang="de"' in document  # the switcher leads back to German

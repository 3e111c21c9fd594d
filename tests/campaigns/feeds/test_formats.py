"""RSS, Atom and JSON Feed of a channel: parsed by independent parsers, their items are the channel rule's
selection (``select_content``), newest first, with absolute links, teasers, images, authors and categories."""

import pytest

from campaigns.selection import select_content
from page_types.models import ContentPage
from page_types.public_urls import public_base_url
from tests.campaigns.feeding import (
    ids,
    item_ids,
    page_id,
    parse_feed,
    parse_json_feed,
)

FEEDS = ("rss", "atom", "json")


@pytest.mark.parametrize("outlet", FEEDS)
@pytest.mark.parametrize("channel", ["mint", "wirtschaft", "alles"])
def test_items_are_the_channel_selection_newest_first(client, feed_site, channel, outlet):
    response = client.get(feed_site.url(channel, outlet))
    expected = ids(select_content(feed_site.channels[channel]))
    assert expected, "the fixture gives every channel some pages"
    assert item_ids(response, outlet) == expected


@pytest.mark.parametrize("outlet", FEEDS)
def test_internal_and_unknown_channels_are_not_found(client, feed_site, outlet):
    assert client.get(feed_site.url("intern", outlet)).status_code == 404
    assert client.get(f"/feeds/gibt-es-nicht/{outlet}/").status_code == 404


def test_content_types(client, feed_site):
    types = {outlet: client.get(feed_site.url("alles", outlet))["Content-Type"] for outlet in FEEDS}
    assert types == {
        "rss": "application/rss+xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8",
        "json": "application/feed+json; charset=utf-8",
    }


@pytest.mark.parametrize("outlet", ["rss", "atom"])
def test_rss_and_atom_entries_carry_links_summaries_images_authors_and_categories(client, feed_site, outlet):
    parsed = parse_feed(client.get(feed_site.url("alles", outlet)))
    assert parsed.feed.title == "Alles – Wirtschaftsförderung Landkreis Ludwigsburg"
    assert parsed.feed.language == "de"
    entries = {page_id(entry.id): entry for entry in parsed.entries}

    story = feed_site.pages["story"]
    entry = entries[story.pk]
    assert entry.link == f"{public_base_url()}{story.url}"
    assert entry.title == story.title
    assert entry.summary == story.teaser
    assert entry.author == "Wirtschaftsförderung Landkreis Ludwigsburg"
    # The readers' interest, not the editorial topic ("Raum").
    assert [tag.term for tag in entry.tags] == ["Wohnen & Mobilität"]
    [enclosure] = entry.enclosures
    assert enclosure.href.startswith(f"{public_base_url()}/media/images/bild-")
    assert ".fill-640x360-c80" in enclosure.href
    assert enclosure.type == "image/png"

    news = entries[feed_site.pages["news_all"].pk]
    assert news.enclosures == []


def test_json_feed_items_carry_links_summaries_images_authors_and_tags(client, feed_site):
    feed = parse_json_feed(client.get(feed_site.url("alles", "json")))
    assert feed["feed_url"] == f"{public_base_url()}/feeds/alles/json/"
    assert feed["home_page_url"] == f"{public_base_url()}/"
    assert feed["language"] == "de"
    items = {page_id(item["id"]): item for item in feed["items"]}

    offer = feed_site.pages["offer_it"]
    item = items[offer.pk]
    assert item["url"] == f"{public_base_url()}{offer.url}"
    assert item["title"] == offer.title
    assert item["summary"] == offer.teaser
    assert item["content_text"].startswith(f"{offer.teaser}\n\nNächster Termin: ")
    assert item["image"].startswith(f"{public_base_url()}/media/images/bild-")
    assert item["authors"] == [
        {"name": "Wirtschaftsförderung Landkreis Ludwigsburg", "url": f"{public_base_url()}/"}
    ]
    # Tags are the readers' interests: the offer's "Mensch" is a success factor no interest gathers,
    # the story's "Raum" belongs to "Wohnen & Mobilität".
    assert item["tags"] == []
    assert items[feed_site.pages["story"].pk]["tags"] == ["Wohnen & Mobilität"]
    assert item["date_published"] <= item["date_modified"]
    assert "image" not in items[feed_site.pages["news_lb"].pk]


@pytest.mark.parametrize("outlet", ["rss", "atom"])
def test_a_teaser_with_markup_stays_text(client, feed_site, outlet):
    """Teasers are plain text; RSS and Atom summaries are HTML, so the markup must arrive escaped."""
    page = feed_site.pages["news_all"]
    ContentPage.objects.filter(pk=page.pk).update(teaser="Mehr <b>Jobs</b> & Wohnungen")
    entries = parse_feed(client.get(feed_site.url("alles", outlet))).entries
    summary = next(entry.summary for entry in entries if page_id(entry.id) == page.pk)
    assert summary == "Mehr &lt;b&gt;Jobs&lt;/b&gt; &amp; Wohnungen"


@pytest.mark.parametrize("outlet", FEEDS)
def test_default_item_limit_and_the_limit_parameter(client, feed_site, settings, outlet):
    settings.CAMPAIGNS_FEED_ITEMS = 2
    expected = ids(select_content(feed_site.channels["alles"]))
    assert item_ids(client.get(feed_site.url("alles", outlet)), outlet) == expected[:2]
    assert item_ids(client.get(feed_site.url("alles", outlet, "?limit=5")), outlet) == expected[:5]

"""Conditional GET and the feed cache: readers revalidate with ETag or If-Modified-Since and get a 304 without
any content query; a publish, unpublish, deletion, privacy or channel change shows in the very next fetch;
and a feed costs the same few queries for a handful of items as for many."""

import math
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from campaigns.selection import select_content
from page_types.models import ContentVersion, Interest, InternalNewsPage, MintOccurrence, MintOfferPage, Topic
from tests.campaigns.feeding import ids, item_ids, parse_feed
from tests.factories import make_image, make_news

OUTLETS = ("rss", "atom", "json", "ics")


def settle_version(seconds: int = 10) -> None:
    """Pretend the last change was a few seconds ago, so that responses carry a Last-Modified."""
    ContentVersion.bump()
    ContentVersion.objects.update(changed_at=timezone.now() - timedelta(seconds=seconds))


@pytest.mark.parametrize("outlet", OUTLETS)
def test_if_none_match_gives_a_304_without_content_queries(client, feed_site, outlet):
    url = feed_site.url("alles", outlet)
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert first["Cache-Control"] == "public, no-cache"

    with CaptureQueriesContext(connection) as queries:
        revalidated = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated["ETag"] == first["ETag"]
    # The channel (an internal or deleted channel must not answer 304) and the content version, which
    # lives in the database so that every web process agrees on it.
    assert len(queries) == 2


@pytest.mark.parametrize("outlet", OUTLETS)
def test_if_modified_since_gives_a_304_and_an_older_date_the_feed(client, feed_site, outlet):
    settle_version()
    url = feed_site.url("alles", outlet)
    first = client.get(url)
    assert first["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    older = http_date(time.time() - 3600)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def test_no_last_modified_within_the_second_of_a_change(client, feed_site):
    """A later change within the same second must still get a newer date, so none is given yet; once the
    second is over, the next full second is the date. The clock is injected, not waited for."""
    url = feed_site.url("alles", "rss")
    ContentVersion.bump()
    changed_at = ContentVersion.current().changed_at
    within = changed_at + timedelta(microseconds=(999_999 - changed_at.microsecond) // 2)
    with mock.patch("django.utils.timezone.now", return_value=within):
        assert not client.get(url).has_header("Last-Modified")
    after = changed_at.replace(microsecond=0) + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=after):
        assert client.get(url)["Last-Modified"] == http_date(math.floor(changed_at.timestamp()) + 1)


def test_a_calendar_answered_yesterday_is_modified_at_midnight(client, feed_site):
    """A calendar keeps only recent dates, so it changes at midnight even without an edit: an
    If-Modified-Since from before midnight gets the new calendar, one from after it a 304."""
    settle_version(seconds=3 * 24 * 3600)
    url = feed_site.url("mint", "ics")
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    assert client.get(url)["Last-Modified"] == http_date(midnight.timestamp())
    before = http_date((midnight - timedelta(hours=1)).timestamp())
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=before).status_code == 200
    after = http_date((midnight + timedelta(seconds=1)).timestamp())
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=after).status_code == 304


def test_etags_differ_by_outlet_filter_and_host(client, feed_site):
    etags = {
        client.get(feed_site.url("alles", "rss"))["ETag"],
        client.get(feed_site.url("alles", "atom"))["ETag"],
        client.get(feed_site.url("alles", "rss", "?topic=mensch"))["ETag"],
        client.get(feed_site.url("alles", "rss"), HTTP_HOST="localhost")["ETag"],
    }
    assert len(etags) == 4


def test_a_cached_feed_is_served_with_one_query(client, feed_site):
    url = feed_site.url("alles", "atom")
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    assert len(queries) == 2  # the channel and the content version


@pytest.mark.parametrize("outlet", ["rss", "atom", "json"])
def test_a_publish_shows_in_the_next_fetch(client, feed_site, outlet):
    url = feed_site.url("wirtschaft", outlet)
    before = client.get(url)
    news = make_news(feed_site.tree["news"], "Gerade veröffentlicht")
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert item_ids(after, outlet)[0] == news.pk
    assert item_ids(after, outlet) == ids(select_content(feed_site.channels["wirtschaft"]))


@pytest.mark.parametrize("outlet", ["rss", "atom", "json"])
def test_an_unpublish_shows_in_the_next_fetch(client, feed_site, outlet):
    url = feed_site.url("wirtschaft", outlet)
    news = feed_site.pages["news_lb"]
    before = client.get(url)
    assert news.pk in item_ids(before, outlet)
    news.unpublish()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert news.pk not in item_ids(after, outlet)


def test_an_unpublished_offer_leaves_the_calendar(client, feed_site):
    url = feed_site.url("mint", "ics")
    offer = feed_site.pages["offer_math"]
    assert b"Mathe-Knobeln" in client.get(url).content
    offer.unpublish()
    assert b"Mathe-Knobeln" not in client.get(url).content


def test_a_deleted_page_leaves_the_feed(client, feed_site):
    story = feed_site.pages["story"]
    assert story.pk in item_ids(client.get(feed_site.url("alles", "rss")), "rss")
    story.delete()
    assert story.pk not in item_ids(client.get(feed_site.url("alles", "rss")), "rss")


def test_a_page_made_private_leaves_the_feed(client, feed_site):
    news = feed_site.pages["news_all"]
    assert news.pk in item_ids(client.get(feed_site.url("alles", "json")), "json")
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    assert news.pk not in item_ids(client.get(feed_site.url("alles", "json")), "json")


def test_a_changed_channel_rule_shows_in_the_next_fetch(client, feed_site):
    channel = feed_site.channels["wirtschaft"]
    assert feed_site.pages["story"].pk not in item_ids(client.get(feed_site.url("wirtschaft", "rss")), "rss")
    channel.page_types = []
    channel.save()
    assert feed_site.pages["story"].pk in item_ids(client.get(feed_site.url("wirtschaft", "rss")), "rss")


def test_a_channel_made_internal_is_gone_at_once(client, feed_site):
    client.get(feed_site.url("mint", "rss"))
    feed_site.channels["mint"].is_public = False
    feed_site.channels["mint"].save()
    assert client.get(feed_site.url("mint", "rss")).status_code == 404


def test_a_renamed_interest_and_a_newly_gathered_topic_show_in_the_categories(client, feed_site):
    client.get(feed_site.url("alles", "rss"))
    living = Interest.objects.get(slug="wohnen-mobilitaet")  # gathers "Raum"
    living.name = "Wohnen, Verkehr & Fläche"
    living.save()
    parsed = parse_feed(client.get(feed_site.url("alles", "rss")))
    assert "Wohnen, Verkehr & Fläche" in {
        tag.term for entry in parsed.entries for tag in entry.get("tags", [])
    }
    # Editors map a topic to one more interest: the pages of that topic show it at once.
    Interest.objects.get(slug="leben-ankommen").topics.add(Topic.objects.get(name="Raum"))
    parsed = parse_feed(client.get(feed_site.url("alles", "rss")))
    assert "Leben & Ankommen" in {tag.term for entry in parsed.entries for tag in entry.get("tags", [])}


def test_building_a_feed_writes_no_renditions_to_the_cache(client, feed_site):
    """Wagtail's get_rendition caches each rendition; for 500 items that evicts a local-memory feed cache."""
    url = feed_site.url("alles", "rss")
    client.get(url)  # creates the renditions
    cache.clear()
    backend = type(caches["default"])
    with mock.patch.object(backend, "set", autospec=True, side_effect=backend.set) as writes:
        assert len(parse_feed(client.get(url)).entries) == 6
    keys = [call.args[1] for call in writes.call_args_list]
    assert keys and not [key for key in keys if "rendition" in key]


def test_one_content_version_serves_the_api_and_the_feeds(client, feed_site):
    """Feeds and the content API revalidate against the same version: a change seen by one is seen by the
    other, whatever process answers."""
    feed_url = feed_site.url("alles", "rss")
    api_url = "/api/v2/pages/"
    feed, api = client.get(feed_url), client.get(api_url)
    feed_site.pages["news_lb"].unpublish()
    assert client.get(feed_url, HTTP_IF_NONE_MATCH=feed["ETag"]).status_code == 200
    assert client.get(api_url, HTTP_IF_NONE_MATCH=api["ETag"]).status_code == 200


def add_pages(feed_site, count: int, start: int = 0) -> None:
    """``count`` news items and ``count`` offers with two dates each, all with their own listing image.

    Saved once each without revisions to keep the test fast; feeds read live rows only.
    """
    topics = list(Topic.objects.filter(name__in=["Mensch", "Raum"]))
    for number in range(start, start + count):
        news = InternalNewsPage(
            title=f"Nachricht {number}",
            teaser="Teaser",
            listing_image=make_image(f"n-{number}", size=(32, 18)),
            listing_image_alt="Bild",
        )
        news.topics = topics
        feed_site.tree["news"].add_child(instance=news)
        offer = MintOfferPage(
            title=f"Angebot {number}",
            teaser="Teaser",
            kind="workshop",
            listing_image=make_image(f"o-{number}", size=(32, 18)),
            listing_image_alt="Bild",
        )
        offer.topics = topics
        begin = timezone.now() + timedelta(days=number + 1)
        offer.occurrences = [MintOccurrence(start=begin), MintOccurrence(start=begin + timedelta(days=7))]
        feed_site.tree["mint"].add_child(instance=offer)


def measure(client, url: str) -> tuple[int, int]:
    """Queries of a feed built from scratch (renditions exist, as on a running site) and its size."""
    client.get(url)  # creates the renditions
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content)


# Channel; the rule's five relations and the view restrictions (select_content); pages, images, renditions,
# topics and municipalities (for the calendar: dates with their offers, topics, subjects); the MINT offers
# among them with their dates (a feed item's next date, ``campaigns.feeds.events``); the readers' interests
# with the topics they name, and every topic's parent (``Interest.by_topic``); the request's site and the site
# root paths with their translations (cached by Wagtail, but the measurement clears the cache); the content
# version.
MAX_QUERIES = 20


@pytest.mark.parametrize("outlet", OUTLETS)
def test_queries_per_feed_do_not_grow_with_the_number_of_items(client, feed_site, outlet):
    url = feed_site.url("alles", outlet, "?limit=200")
    add_pages(feed_site, 2)
    few, few_size = measure(client, url)
    add_pages(feed_site, 20, start=2)
    many, many_size = measure(client, url)
    print(f"\n{outlet}: {few} queries for {few_size} bytes, {many} for {many_size} bytes")
    assert many_size > 3 * few_size  # the items were really there
    assert many == few <= MAX_QUERIES

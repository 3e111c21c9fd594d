"""Fixtures and helpers of the feed tests (imported by those modules).

``feed_site`` is a small published site with pages of every family, tagged so that each filter keeps some
pages and drops others, and four channels: MINT offers only, news and milestones, everything, and an
internal one. The helpers parse responses with independent parsers: feedparser for RSS and Atom, the
icalendar package for calendars, and the JSON Feed 1.1 rules for JSON.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import feedparser
import icalendar
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import QuerySet

from campaigns.models import Channel
from page_types.models import (
    ContentPage,
    InnovationMilestonePage,
    InternalNewsPage,
    MintOfferPage,
    Topic,
)
from tests.factories import make_image, make_milestone, make_news, make_offer, make_site, make_story
from tests.sharing import built_once, for_the_test, fresh, fresh_pages, primary_keys

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass
class FeedSite:
    tree: dict
    pages: dict[str, ContentPage]
    channels: dict[str, Channel]

    def url(self, channel: str, outlet: str, query: str = "") -> str:
        return f"/feeds/{self.channels[channel].slug}/{outlet}/{query}"


def make_channel(slug: str, *models: type[ContentPage], **fields) -> Channel:
    channel = Channel(name=slug.replace("-", " ").title(), slug=slug, **fields)
    channel.page_types = [ContentType.objects.get_for_model(model) for model in models]
    channel.save()
    return channel


@pytest.fixture(scope="module")
def feed_site_keys(request, django_db_setup, django_db_blocker) -> Iterator[dict[str, dict[str, int]] | None]:
    """The ids of the feed site's pages and channels, built once per module where it may share
    (``tests/sharing.py``)."""
    yield from built_once(request, django_db_blocker, build_feed_site, keys_of_feed_site)


@pytest.fixture
def feed_site(db, feed_site_keys) -> FeedSite:
    """The module's feed site read afresh for the test (or built for it), with empty caches either way."""
    cache.clear()
    return for_the_test(feed_site_keys, build_feed_site, read_feed_site)


def keys_of_feed_site(site: FeedSite) -> dict[str, dict[str, int]]:
    return {
        "tree": primary_keys(site.tree),
        "pages": primary_keys(site.pages),
        "channels": primary_keys(site.channels),
    }


def read_feed_site(keys: dict[str, dict[str, int]]) -> FeedSite:
    return FeedSite(fresh_pages(keys["tree"]), fresh_pages(keys["pages"]), fresh(Channel, keys["channels"]))


def build_feed_site() -> FeedSite:
    tree = make_site()
    raum = Topic.objects.get(name="Raum").slug
    mensch = Topic.objects.get(name="Mensch").slug
    pages = {
        "offer_it": make_offer(
            tree["mint"],
            "Robotik für Klasse 8–10",
            subjects=["informatik"],
            grade_bands=["klasse-8-10"],
            municipalities=["ludwigsburg"],
            topics=[mensch],
        ),
        "offer_math": make_offer(
            tree["mint"],
            "Mathe-Knobeln",
            starts_in=timedelta(days=30),
            subjects=["mathematik"],
            grade_bands=["klasse-5-7"],
            municipalities=["tamm"],
        ),
        "news_lb": make_news(
            tree["news"], "Neues aus Ludwigsburg", municipalities=["ludwigsburg"], topics=[mensch]
        ),
        "news_all": make_news(tree["news"], "Der Landkreis in Zahlen", topics=[raum]),
        "story": make_story(
            tree["lighthouse"], "Ein Leuchtturm in Tamm", municipalities=["tamm"], topics=[raum]
        ),
        "milestone": make_milestone(tree["history"], "Die erste Fabrik", topics=[raum]),
    }
    with_image(pages["offer_it"], "Jugendliche bauen einen Roboter")
    with_image(pages["story"], "Eine Werkhalle")
    channels = {
        "mint": make_channel("mint-update", MintOfferPage),
        "wirtschaft": make_channel("wirtschaft-im-landkreis", InternalNewsPage, InnovationMilestonePage),
        "alles": make_channel("alles"),
        "intern": make_channel("intern", is_public=False),
    }
    return FeedSite(tree, pages, channels)


def with_image(page: ContentPage, alt: str) -> None:
    """Give a published page a listing image, published as a new revision."""
    page.listing_image = make_image(f"bild-{page.pk}")
    page.listing_image_alt = alt
    page.save_revision().publish()


def ids(pages: QuerySet) -> list[int]:
    return list(pages.values_list("pk", flat=True))


def page_id(entry_id: str) -> int:
    """The page id in an item's tag URI (``tag:host,2025:page-12``)."""
    return int(entry_id.rpartition("page-")[2])


def parse_feed(response) -> feedparser.FeedParserDict:
    """A well-formed RSS or Atom document, parsed by feedparser."""
    assert response.status_code == 200, response.content
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def parse_json_feed(response) -> dict:
    """A JSON Feed 1.1 document, checked against the specification's required fields."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == JSON_FEED_VERSION
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list)
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html") or item.get("content_text"), str)
    return feed


def parse_calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    """The calendar's events by UID."""
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def item_ids(response, outlet: str) -> list[int]:
    """The page ids of a feed's items, in the feed's order."""
    if outlet == "json":
        return [page_id(item["id"]) for item in parse_json_feed(response)["items"]]
    return [page_id(entry.id) for entry in parse_feed(response).entries]

"""Details independent validators look at: identifiers that a request's ``Host`` header cannot change,
durations written as RFC 5545 DURATIONs (``X-PUBLISHED-TTL``, ``REFRESH-INTERVAL;VALUE=DURATION``), and
RSS/Atom enclosures with the image's real length."""

import re

import pytest
from django.core.cache import cache

from tests.campaigns.feeding import events, parse_calendar, parse_feed, parse_json_feed

HOSTS = ("testserver", "localhost")


def fetch(client, url: str, host: str):
    cache.clear()  # a body built for one host must not hide what another host would get
    return client.get(url, HTTP_HOST=host)


@pytest.fixture
def public_host(settings):
    settings.PAGE_TYPES_PUBLIC_BASE_URL = "https://leuchtturm.landkreis-ludwigsburg.de"


@pytest.mark.parametrize("outlet", ["rss", "atom"])
def test_feed_and_entry_ids_do_not_follow_the_host_header(client, feed_site, public_host, outlet):
    parsed = [parse_feed(fetch(client, feed_site.url("alles", outlet), host)) for host in HOSTS]
    entry_ids = [[entry.id for entry in feed.entries] for feed in parsed]
    assert entry_ids[0] == entry_ids[1]
    prefix = "tag:leuchtturm.landkreis-ludwigsburg.de,2025:page-"
    assert all(entry.startswith(prefix) for entry in entry_ids[0])
    if outlet == "atom":
        assert (
            parsed[0].feed.id
            == parsed[1].feed.id
            == ("https://leuchtturm.landkreis-ludwigsburg.de/feeds/alles/atom/")
        )


def test_json_feed_item_ids_do_not_follow_the_host_header(client, feed_site, public_host):
    feeds = [parse_json_feed(fetch(client, feed_site.url("alles", "json"), host)) for host in HOSTS]
    assert [item["id"] for item in feeds[0]["items"]] == [item["id"] for item in feeds[1]["items"]]


def test_calendar_and_event_uids_do_not_follow_the_host_header(client, feed_site, public_host):
    calendars = [parse_calendar(fetch(client, feed_site.url("mint", "ics"), host)) for host in HOSTS]
    assert str(calendars[0]["UID"]) == str(calendars[1]["UID"])
    uids = [set(events(calendar)) for calendar in calendars]
    assert uids[0] == uids[1] and uids[0]
    assert all(uid.endswith("@leuchtturm.landkreis-ludwigsburg.de") for uid in uids[0])


def test_calendar_durations_are_rfc_5545_durations(client, feed_site):
    body = client.get(feed_site.url("mint", "ics")).content.decode()
    assert "\r\nX-PUBLISHED-TTL:PT6H\r\n" in body
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in body


@pytest.mark.parametrize("outlet", ["rss", "atom"])
def test_enclosures_carry_the_real_length(client, feed_site, outlet):
    story = feed_site.pages["story"]
    rendition = story.listing_image.get_rendition("fill-640x360-c80")
    body = client.get(feed_site.url("alles", outlet)).content.decode()
    lengths = set(re.findall(r'length="(\d+)"', body))
    assert lengths and "0" not in lengths
    assert str(rendition.file.size) in lengths


LOCAL_URL = re.compile(r"(?:https?|webcal)://(?:testserver|localhost|127\.0\.0\.1)\b")


@pytest.mark.parametrize("outlet", ["rss", "atom", "json", "ics"])
def test_every_link_is_on_the_public_base_url_whatever_the_host(client, feed_site, public_host, outlet):
    for host in HOSTS:
        body = fetch(client, feed_site.url("alles", outlet), host).content.decode()
        assert "https://leuchtturm.landkreis-ludwigsburg.de/" in body
        assert not LOCAL_URL.search(body), LOCAL_URL.search(body)


def test_json_feed_links_are_on_the_public_base_url(client, feed_site, public_host):
    feed = parse_json_feed(fetch(client, feed_site.url("alles", "json"), "localhost"))
    assert feed["home_page_url"] == "https://leuchtturm.landkreis-ludwigsburg.de/"
    assert feed["feed_url"] == "https://leuchtturm.landkreis-ludwigsburg.de/feeds/alles/json/"
    assert all(
        item["url"].startswith("https://leuchtturm.landkreis-ludwigsburg.de/") for item in feed["items"]
    )
    images = [item["image"] for item in feed["items"] if "image" in item]
    assert images and all(
        url.startswith("https://leuchtturm.landkreis-ludwigsburg.de/media/") for url in images
    )


def test_the_feeds_page_links_calendars_on_the_public_base_url(client, feed_site, public_host):
    body = fetch(client, "/feeds/", "localhost").content.decode()
    assert "webcal://leuchtturm.landkreis-ludwigsburg.de/feeds/" in body
    assert not LOCAL_URL.search(body)

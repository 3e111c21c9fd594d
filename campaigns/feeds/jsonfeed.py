"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1), served as ``application/feed+json``.

A MINT offer's item carries its next date and place as the extension object ``_event`` (JSON Feed 1.1
allows members starting with an underscore; readers that do not know them ignore them), documented in
docs/API.md, "Feeds".
"""

import json

from campaigns import app_settings
from campaigns.feeds.items import FeedItem, FeedSource

VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(source: FeedSource) -> bytes:
    author = {"name": app_settings.feed_publisher(), "url": source.home_url}
    feed = {
        "version": VERSION,
        "title": source.title,
        "home_page_url": source.home_url,
        "feed_url": source.feed_url,
        "description": source.description,
        "language": source.language,
        "authors": [author],
        "items": [_item(item, author, source.language) for item in source.items()],
    }
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":")).encode()


def _item(item: FeedItem, author: dict[str, str], feed_language: str) -> dict:
    entry = {
        "id": item.guid,
        "url": item.url,
        "title": item.title,
        "content_text": item.content_text,
        "summary": item.summary,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "authors": [author],
        "tags": list(item.categories),
    }
    if item.event:
        entry["_event"] = item.event.as_json()
    if item.image:
        entry["image"] = item.image.url
    if item.language != feed_language:  # an item not translated into the feed's language says its own
        entry["language"] = item.language
    return entry

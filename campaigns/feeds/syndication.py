"""RSS 2.0 and Atom feeds, written by Django's ``feedgenerator``.

Items carry the teaser as summary, the listing image as enclosure (RSS ``<enclosure>``, Atom
``<link rel="enclosure">``) with the rendition's real size, the publisher as author and the topics as
categories. The feed's id is its URL under the configured public base URL, whatever host was asked.
"""

from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed

from campaigns import app_settings
from campaigns.feeds.items import FeedSource


def rss(source: FeedSource) -> bytes:
    return _write(Rss201rev2Feed, source)


def atom(source: FeedSource) -> bytes:
    return _write(Atom1Feed, source)


def _write(feed_class: type[SyndicationFeed], source: FeedSource) -> bytes:
    publisher = app_settings.feed_publisher()
    feed = feed_class(
        title=source.title,
        link=source.home_url,
        description=source.description,
        language=source.language,
        author_name=publisher,
        author_link=source.home_url,
        feed_url=source.feed_url,
        feed_guid=source.feed_id,
    )
    for item in source.items():
        image = item.image
        enclosures = [Enclosure(image.url, str(image.length), image.mime_type)] if image else []
        feed.add_item(
            title=item.title,
            link=item.url,
            description=item.summary_html,
            unique_id=item.guid,
            unique_id_is_permalink=False,
            pubdate=item.published,
            updateddate=item.updated,
            author_name=publisher,
            categories=item.categories,
            enclosures=enclosures,
        )
    return feed.writeString("utf-8").encode()

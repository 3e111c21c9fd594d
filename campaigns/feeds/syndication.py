"""RSS 2.0 and Atom feeds, written by Django's ``feedgenerator``.

Items carry the teaser as summary, the listing image as enclosure (RSS ``<enclosure>``, Atom
``<link rel="enclosure">``) with the rendition's real size, the publisher as author and the readers'
interests as categories. The feed's id is its URL under the configured public base URL, whatever host was
asked.

Both name our XSLT stylesheet (``static/campaigns/feed.xsl``) in an ``<?xml-stylesheet?>`` processing
instruction, so that a reader who opens a feed in the browser gets a page that explains it instead of a wall
of XML. The stylesheet's address is a path on the feed's own origin: browsers apply only same-origin XSLT, and
check it against the feed's ``script-src`` (``'self'``). They apply it to a feed served as ``application/xml``
only, which the view sends to browsers (``outlets.Outlet.browser_type``).
"""

from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, Stylesheet, SyndicationFeed
from django.utils.xmlutils import SimplerXMLGenerator

from campaigns import app_settings
from campaigns.feeds.items import FeedSource

STYLESHEET = "campaigns/feed.xsl"


class StyledAtom1Feed(Atom1Feed):
    """Atom with the stylesheet processing instructions that Django's ``RssFeed`` writes (Django 5.2 writes
    them for RSS only): its ``write`` with ``add_stylesheets`` before the root element."""

    add_stylesheets = Rss201rev2Feed.add_stylesheets

    def write(self, outfile, encoding: str) -> None:
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


def rss(source: FeedSource) -> bytes:
    return _write(Rss201rev2Feed, source)


def atom(source: FeedSource) -> bytes:
    return _write(StyledAtom1Feed, source)


def stylesheet_url() -> str:
    """The address of the feeds' XSLT stylesheet (a path on the site's own origin)."""
    return static(STYLESHEET)


def _write(feed_class: type[SyndicationFeed], source: FeedSource) -> bytes:
    publisher = app_settings.feed_publisher()
    feed = feed_class(
        title=source.title,
        link=source.home_url,
        description=source.description,
        # Atom's description of the feed (RSS has its description).
        subtitle=source.description,
        language=source.language,
        author_name=publisher,
        author_link=source.home_url,
        feed_url=source.feed_url,
        feed_guid=source.feed_id,
        # The processing instruction names the type only, as browsers expect: no media, which would limit it.
        stylesheets=[Stylesheet(stylesheet_url(), mimetype="text/xsl", media=None)],
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

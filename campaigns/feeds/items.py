"""What a feed shows of a page: one ``FeedItem`` per page of the channel's selection, newest first.

The pages are read in one query with their topics and municipalities prefetched and their listing images'
renditions read as rows (``existing_rendition_files``), so a feed of 50 or 500 items costs the same few
queries. A feed in another language than the content's (``?locale=en``) shows each item's live translation,
read in one more query of the same kind, and the original where there is none, marked as being in its own
language. Links and images are absolute URLs on the host the reader asked, since feed readers show items
outside the site; identifiers (feed and entry ids, calendar UIDs) come from the site's configured public base
URL instead, so that a request arriving under another ``Host`` name cannot change them.
"""

import mimetypes
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from campaigns import app_settings
from campaigns.feeds.events import FeedEvent, next_events
from campaigns.feeds.filters import FeedFilterForm
from campaigns.models import Channel
from campaigns.selection import select_content
from page_types.models import ContentPage, Interest
from page_types.public_urls import public_host, public_page_url, public_url
from page_types.publication import changed_at, published_at
from page_types.renditions import LISTING_RENDITION, existing_rendition_files
from page_types.taxonomy import shown_interests
from page_types.translations import translation_ids


@dataclass(frozen=True)
class FeedImage:
    """A page's listing image as a rendition of the site itself, with its size in bytes."""

    url: str
    mime_type: str
    length: int


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed."""

    guid: str
    title: str
    url: str
    summary: str
    published: datetime
    updated: datetime
    categories: tuple[str, ...]
    image: FeedImage | None
    # The language the item is written in.
    language: str = ""
    # A MINT offer's next date and place.
    event: FeedEvent | None = None

    @property
    def summary_html(self) -> str:
        """The teaser as HTML (RSS descriptions and Atom summaries are HTML; the teaser is plain text), with
        the next date and place of an offer in a paragraph of its own."""
        if self.event is None:
            return str(escape(self.summary))
        lines = "<br>".join(escape(line) for line in self.event.lines())
        return f"<p>{escape(self.summary)}</p><p>{lines}</p>"

    @property
    def content_text(self) -> str:
        """The teaser as plain text, with the next date and place of an offer on lines of their own."""
        if self.event is None:
            return self.summary
        return "\n\n".join([self.summary, "\n".join(self.event.lines())])


@dataclass(frozen=True)
class FeedSource:
    """What one feed response is built from: the channel, its filtered pages, the request, the limit and the
    feed's language."""

    channel: Channel
    pages: QuerySet[ContentPage]
    request: HttpRequest
    limit: int
    language: str

    @classmethod
    def select(
        cls, channel: Channel, filters: FeedFilterForm, request: HttpRequest, limit: int, language: str
    ) -> "FeedSource":
        """The channel's selection (``select_content``) narrowed by the reader's valid filters, in
        ``language``."""
        return cls(channel, filters.filter(select_content(channel)), request, limit, language)

    @cached_property
    def channel_text(self) -> tuple[str, str]:
        """The channel's name and description in the feed's language, where an editor gave them."""
        if self.language != app_settings.content_language() and (text := self.channel.text_in(self.language)):
            return text.name, text.description
        return self.channel.name, self.channel.description

    @property
    def title(self) -> str:
        return f"{self.channel_text[0]} – {app_settings.feed_publisher()}"

    @property
    def description(self) -> str:
        name, description = self.channel_text
        return description or str(_("Neue Beiträge im Kanal „%(name)s“.") % {"name": name})

    @property
    def feed_url(self) -> str:
        """This feed's own URL, with the reader's filters."""
        return public_url(self.request.get_full_path())

    @property
    def home_url(self) -> str:
        return public_url("/")

    @property
    def feed_id(self) -> str:
        """This feed's identity: its path and filters under the configured public base URL."""
        return self.feed_url

    @property
    def host(self) -> str:
        """The site's configured host name, which the entries' ids and the calendar's UIDs name."""
        return public_host()

    def items(self) -> list[FeedItem]:
        """The first ``limit`` pages as feed items, newest first, each in the feed's language if it can."""
        pages = list(_with_feed_data(self.pages)[: self.limit])
        original = app_settings.content_language()
        if self.language == original:
            known = Known.of(pages)
            return [_item(page, self.request, self.host, original, known) for page in pages]
        translated = translation_ids([page.pk for page in pages], self.language)
        versions = _with_feed_data(ContentPage.objects.filter(pk__in=translated.values())).in_bulk()
        known = Known.of([*pages, *versions.values()])
        marker = get_language_info(original)["name_translated"]
        items = []
        for page in pages:
            version = versions.get(translated.get(page.pk))
            if version is None:
                item = _item(page, self.request, self.host, original, known)
                item = replace(
                    item, title=_("%(title)s (auf %(name)s)") % {"title": item.title, "name": marker}
                )
            else:  # the original's identity: the translation is the same entry in this feed's language
                item = replace(
                    _item(version, self.request, self.host, self.language, known),
                    guid=_guid(page, self.host),
                )
            items.append(item)
        return items


def page_url(page: ContentPage, request: HttpRequest) -> str:
    """The page's absolute URL; a page outside every site (no URL of its own) links to the home page."""
    return public_page_url(page, request) or public_url("/")


def _guid(page: ContentPage, host: str) -> str:
    """A tag URI (RFC 4151) that stays the same when the page's title, slug, place or dates change."""
    return f"tag:{host},2025:page-{page.pk}"


def _with_feed_data(pages: QuerySet[ContentPage]) -> QuerySet[ContentPage]:
    """The pages with the terms an item names prefetched as lists (``feed_topics``, ``feed_municipalities``),
    which cost less to read than a related manager per page and term; the images are read as rows."""
    return pages.prefetch_related(
        Prefetch("topics", to_attr="feed_topics"), Prefetch("municipalities", to_attr="feed_municipalities")
    )


@dataclass(frozen=True)
class Known:
    """What the items of one feed are built from besides their pages, read once for all of them."""

    events: dict[int, FeedEvent]
    interests: dict[int, tuple[Interest, ...]]
    # The listing images' renditions (``LISTING_RENDITION``): file names by image id.
    renditions: dict[int, str]

    @classmethod
    def of(cls, pages: list[ContentPage]) -> "Known":
        images = {page.listing_image_id for page in pages if page.listing_image_id}
        return cls(
            next_events(pages),
            Interest.objects.by_topic(),
            existing_rendition_files(images, LISTING_RENDITION),
        )


def _item(page: ContentPage, request: HttpRequest, host: str, language: str, known: Known) -> FeedItem:
    return FeedItem(
        guid=_guid(page, host),
        title=page.title,
        url=page_url(page, request),
        summary=page.teaser,
        published=published_at(page),
        updated=changed_at(page),
        categories=tuple(str(interest) for interest in shown_interests(page.feed_topics, known.interests)),
        image=_image(page.listing_image_id, known.renditions),
        language=language,
        event=known.events.get(page.pk),
    )


def _image(image_id: int | None, renditions: dict[int, str]) -> FeedImage | None:
    """The listing image's rendition; none when its file cannot be found (never a made-up size)."""
    if not image_id:
        return None
    if (name := renditions.get(image_id)) is None:
        # Made now, as the site's listing would. ``get_rendition`` also writes it to the default cache: only
        # for renditions missing here, never for all of a feed's, which would push the feed cache's own
        # entries out of a local-memory cache (300 entries by default).
        name = get_image_model().objects.get(pk=image_id).get_rendition(LISTING_RENDITION).file.name
    storage = get_image_model().get_rendition_model()._meta.get_field("file").storage
    mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:
        length = storage.size(name)
    except OSError:
        return None
    return FeedImage(public_url(storage.url(name)), mime_type, length)

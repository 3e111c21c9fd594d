"""Resolve what StreamFields and rich text refer to — images, pages, links — for the content API.

Wagtail's own API representation fetches those references value by value, so a listing of 50 pages with
images in their bodies costs 50 times the queries of one page. ``ApiReferences`` instead walks the stored
JSON of every page in a listing first, loads all referenced images (with their renditions), pages and
link targets in one go, and only then renders each page: a listing costs the same number of queries for
5 items as for 50.
"""

import logging
import mimetypes
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from wagtail.api.rich_text import APIRichText
from wagtail.blocks import Block, ListBlock, PageChooserBlock, RichTextBlock, StreamBlock, StructBlock
from wagtail.blocks.stream_block import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import AbstractImage, AbstractRendition, SourceImageIOError
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from page_types.public_urls import public_base_url, public_page_url, public_url
from page_types.renditions import (
    RENDITIONS,
    SRCSET_FORMATS,
    api_filters,
    api_rendition_specs,
    srcset_spec,
    srcset_widths,
)

logger = logging.getLogger(__name__)

# Joins rich text fragments for a single expansion pass; stored rich text never contains a NUL character.
FRAGMENT_SEPARATOR = "\x00"
RELATIVE_HREF = re.compile(r'(<a\b[^>]*?\bhref=")/(?!/)')

Visit = Callable[[Block, Any], Any]
Renditions = dict[str, AbstractRendition]


def api_renditions(image: AbstractImage) -> Renditions:
    """The image's renditions the API shows, by spec (prefetched ones are used): the named sizes, made now
    if missing, and the ``srcset`` candidates the task queue has made (``page_types.rendition_tasks``). Those
    are never made inside a request, where the AVIF and WebP widths of one photo take seconds.

    A missing source file gives no new renditions rather than an error for the whole response.
    """
    existing = image.find_existing_renditions(*api_filters(image.width))
    found = {rendition_filter.spec: rendition for rendition_filter, rendition in existing.items()}
    if missing := [spec for spec in RENDITIONS.values() if spec not in found]:
        try:
            found.update(image.get_renditions(*missing))
        except SourceImageIOError:
            logger.warning("Image %s has no readable source file; no renditions in the API.", image.pk)
    return found


def rendition_representation(rendition: AbstractRendition) -> dict[str, Any]:
    """A rendition's absolute URL (by the public base URL) and size."""
    return {"url": public_url(rendition.url), "width": rendition.width, "height": rendition.height}


def image_renditions(image: AbstractImage, renditions: Renditions | None = None) -> dict[str, dict[str, Any]]:
    """URL and size of the image in each named size."""
    renditions = api_renditions(image) if renditions is None else renditions
    return {
        name: rendition_representation(rendition)
        for name, spec in RENDITIONS.items()
        if (rendition := renditions.get(spec))
    }


def image_sources(image: AbstractImage, renditions: Renditions | None = None) -> list[dict[str, Any]]:
    """The image for ``<picture>`` and ``srcset``: one source per format, best first (AVIF, WebP, the
    upload's own), each with its MIME type, a ready ``srcset`` string and its candidates' URLs and sizes;
    none until the task queue has made them."""
    renditions = api_renditions(image) if renditions is None else renditions
    sources = []
    for image_format in SRCSET_FORMATS:
        specs = [srcset_spec(width, image_format) for width in srcset_widths(image.width)]
        candidates = [rendition for spec in specs if (rendition := renditions.get(spec))]
        if len(candidates) == len(specs):  # a format is shown once the queue has made all its widths
            represented = [rendition_representation(rendition) for rendition in candidates]
            sources.append(
                {
                    "type": mimetypes.guess_type(candidates[0].file.name, strict=False)[0] or "",
                    "srcset": ", ".join(f"{item['url']} {item['width']}w" for item in represented),
                    "candidates": represented,
                }
            )
    return sources


def image_focal_point(image: AbstractImage) -> dict[str, int] | None:
    """The editor's focal point in the original's pixels, for front ends that crop images themselves."""
    if not image.has_focal_point():
        return None
    return {
        "x": image.focal_point_x,
        "y": image.focal_point_y,
        "width": image.focal_point_width,
        "height": image.focal_point_height,
    }


def image_representation(image: AbstractImage, alt: str = "") -> dict[str, Any]:
    """An image as a front end needs it: rendition URLs of the named sizes, ``srcset`` sources, alt text and
    focal point."""
    renditions = api_renditions(image)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "focal_point": image_focal_point(image),
        "renditions": image_renditions(image, renditions),
        "sources": image_sources(image, renditions),
    }


def walk(block: Block, raw: Any, visit: Visit) -> Any:
    """The API representation of a block's stored JSON, with ``visit`` deciding what each leaf becomes.

    Streams become ``[{type, value, id}]``, lists become lists and structs become objects, as in Wagtail's
    own API; blocks of a type the definition no longer has are left out.
    """
    if isinstance(block, StreamBlock):
        return [
            {
                "type": child["type"],
                "value": walk(block.child_blocks[child["type"]], child.get("value"), visit),
                "id": child.get("id"),
            }
            for child in raw or ()
            if child.get("type") in block.child_blocks
        ]
    if isinstance(block, ListBlock):
        return [
            walk(block.child_block, item["value"] if block._item_is_in_block_format(item) else item, visit)
            for item in raw or ()
        ]
    if isinstance(block, StructBlock):
        raw = raw or {}
        return {name: walk(child, raw.get(name), visit) for name, child in block.child_blocks.items()}
    return visit(block, raw)


def _as_id(raw: Any) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


class ApiReferences:
    """The references of a set of pages, loaded together on first use and rendered from memory after.

    ``pending`` are the objects of the current response; their StreamFields and rich text fields are
    collected the first time any of them is rendered. A value that was not announced (e.g. of a nested
    object) is collected and loaded when it is rendered, so the result is always complete.
    """

    def __init__(self, request: HttpRequest, *, rich_text_format: str, pending: Iterable[Model] = ()) -> None:
        self.request = request
        self.rich_text_format = rich_text_format
        # Relative links in expanded rich text are pages of the site, on the public base URL as html_url.
        self.base_url = public_base_url()
        self._pending = list(pending)
        self._streams: list[StreamValue] = []
        self._rich_texts: list[str] = []
        self._image_ids: set[int] = set()
        self._page_ids: set[int] = set()
        self._images: dict[int, AbstractImage] = {}
        self._pages: dict[int, Page] = {}
        self._html: dict[str, str] = {}

    def stream(self, value: StreamValue) -> list[dict[str, Any]]:
        """The representation of a StreamField value."""
        self._collect_stream(value)
        self._load()
        return walk(value.stream_block, list(value.raw_data), self._render_leaf)

    def rich_text(self, source: str, features: list[str] | None = None) -> str:
        """Rich text in the requested format; HTML (the default) has internal links as absolute URLs."""
        if self.rich_text_format != APIRichText.FORMAT_HTML:
            return APIRichText.serialize(source, format=self.rich_text_format, features=features)
        self._rich_texts.append(source)
        self._load()
        return self._html[source]

    def _collect_pending(self) -> None:
        pending, self._pending = self._pending, []
        for obj in pending:
            for field in obj._meta.concrete_fields:
                if isinstance(field, StreamField):
                    self._collect_stream(field.value_from_object(obj))
                elif isinstance(field, RichTextField):
                    self._rich_texts.append(field.value_from_object(obj) or "")

    def _collect_stream(self, value: StreamValue) -> None:
        if value is not None and all(value is not seen for seen in self._streams):
            self._streams.append(value)
            walk(value.stream_block, list(value.raw_data), self._note_leaf)

    def _note_leaf(self, block: Block, raw: Any) -> None:
        if isinstance(block, ImageChooserBlock) and (pk := _as_id(raw)) is not None:
            self._image_ids.add(pk)
        elif isinstance(block, PageChooserBlock) and (pk := _as_id(raw)) is not None:
            self._page_ids.add(pk)
        elif isinstance(block, RichTextBlock) and raw:
            self._rich_texts.append(raw)

    def _load(self) -> None:
        self._collect_pending()
        if missing := self._image_ids - self._images.keys():
            images = get_image_model().objects.filter(pk__in=missing)
            self._images.update(
                (image.pk, image) for image in images.prefetch_renditions(*api_rendition_specs())
            )
            self._images.update(dict.fromkeys(missing - self._images.keys()))
        if missing := self._page_ids - self._pages.keys():
            self._pages.update(
                # A page's URL depends on its locale (the language prefix of a translation).
                (page.pk, page)
                for page in Page.objects.live().public().filter(pk__in=missing).select_related("locale")
            )
            self._pages.update(dict.fromkeys(missing - self._pages.keys()))
        if self.rich_text_format == APIRichText.FORMAT_HTML:
            sources = list(dict.fromkeys(s for s in self._rich_texts if s not in self._html))
            self._html.update(zip(sources, self._expand(sources), strict=True))
        self._rich_texts.clear()

    def _expand(self, sources: list[str]) -> list[str]:
        """``expand_db_html`` for many fragments in one pass, so that each kind of link target is fetched
        with one query; relative links become absolute, because the HTML is shown on other sites."""
        if not sources:
            return []
        if any(FRAGMENT_SEPARATOR in source for source in sources):
            expanded = [expand_db_html(source) for source in sources]
        else:
            expanded = expand_db_html(FRAGMENT_SEPARATOR.join(sources)).split(FRAGMENT_SEPARATOR)
        if self.base_url:
            expanded = [RELATIVE_HREF.sub(rf"\g<1>{self.base_url}/", html) for html in expanded]
        return expanded

    def _render_leaf(self, block: Block, raw: Any) -> Any:
        if isinstance(block, ImageChooserBlock):
            image = self._images.get(_as_id(raw))
            return image_representation(image) if image else None
        if isinstance(block, PageChooserBlock):
            page = self._pages.get(_as_id(raw))
            if page is None:
                return None
            return {"id": page.pk, "title": page.title, "html_url": public_page_url(page, self.request)}
        if isinstance(block, RichTextBlock):
            return self.rich_text(raw or "", features=block.features)
        return raw

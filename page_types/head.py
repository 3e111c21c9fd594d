"""What a page tells search engines and messengers in its ``<head>``: description, canonical address, preview
image, Open Graph and Twitter card, and language alternates.

Everything falls back to what editors already fill in, so nothing extra is needed: the "Promote" tab's SEO
title and search description win; otherwise the title, and the teaser (or introduction) as description;
the listing image (or a story's title image) with its alt text is the preview image. Addresses are absolute
on the configured site (``page_types.public_urls``).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.images.models import AbstractImage, SourceImageIOError
from wagtail.models import Page, Site

from page_types.models import ContentPage
from page_types.public_urls import absolute_url
from page_types.renditions import SOCIAL_RENDITION

# Search engines show about 155 characters of a description.
DESCRIPTION_LENGTH = 160
# (image field, alt text field) in the order a page's preview image is looked for.
IMAGE_SOURCES = (("listing_image", "listing_image_alt"), ("hero_image", "hero_image_alt"))


@dataclass(frozen=True)
class PreviewImage:
    """An image as a shared link shows it: absolute URL, size, type and alt text."""

    url: str
    width: int
    height: int
    mime_type: str
    alt: str


@dataclass(frozen=True)
class PageHead:
    """The facts about a page that its ``<head>`` and its structured data state."""

    title: str
    description: str
    canonical_url: str
    site_name: str
    language: str
    is_article: bool
    image: PreviewImage | None
    published: datetime | None
    modified: datetime | None
    alternates: list[tuple[str, str]]

    @property
    def og_locale(self) -> str:
        """Open Graph's ``language_TERRITORY`` (``de_DE``)."""
        return {"de": "de_DE", "en": "en_GB"}.get(self.language, self.language)


def description_of(page: Page) -> str:
    """The search description, else the teaser, else the introduction as text, cut at a word."""
    text = page.search_description or getattr(page, "teaser", "") or strip_tags(getattr(page, "intro", ""))
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def preview_image(page: Page, request: HttpRequest | None) -> PreviewImage | None:
    """The page's listing image (or title image) at 1200×630, or ``None`` when it has none."""
    for image_field, alt_field in IMAGE_SOURCES:
        image: AbstractImage | None = getattr(page, image_field, None)
        if image is None:
            continue
        try:
            rendition = image.get_rendition(SOCIAL_RENDITION)
        except SourceImageIOError:
            continue
        alt = getattr(page, alt_field, "") or image.default_alt_text
        mime_type = f"image/{rendition.file.name.rpartition('.')[2].lower().replace('jpg', 'jpeg')}"
        url = absolute_url(request, rendition.url)
        return PreviewImage(url, rendition.width, rendition.height, mime_type, alt)
    return None


def language_alternates(page: Page, request: HttpRequest | None) -> list[tuple[str, str]]:
    """(language, URL) of the page and each live translation, once there is at least one translation."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    alternates = []
    for translation in page.get_translations(inclusive=True).live().public().select_related("locale"):
        if url := translation.get_full_url(request):
            alternates.append((translation.locale.language_code, url))
    return sorted(alternates) if len(alternates) > 1 else []


def site_name(request: HttpRequest | None) -> str:
    site = Site.find_for_request(request) if request is not None else None
    return (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")


def page_head(page: Page, request: HttpRequest | None) -> PageHead:
    """The head facts of ``page`` as served to ``request``."""
    return PageHead(
        title=page.seo_title or page.title,
        description=description_of(page),
        canonical_url=page.get_full_url(request) or "",
        site_name=site_name(request),
        language=page.locale.language_code,
        is_article=isinstance(page, ContentPage),
        image=preview_image(page, request),
        published=page.first_published_at,
        modified=page.last_published_at,
        alternates=language_alternates(page, request),
    )

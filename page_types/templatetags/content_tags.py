"""Template helpers for content pages: which card a page gets, its listing image, the timeline's eras.

They keep model knowledge out of the templates: a card template is chosen by the page's model (with a
generic fallback), and the listing image is always rendered with ``LISTING_RENDITION`` so that the renditions
prefetched by ``ContentPageQuerySet.with_listing_data`` are the ones used.
"""

from django import template
from django.core.paginator import Page as DjangoPage
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks
from wagtail.images.models import AbstractRendition
from wagtail.models import Page

from page_types.dates import DateRange
from page_types.forms import PAGE_PARAMETER
from page_types.models import ContentPage, Era
from page_types.renditions import LISTING_RENDITION

register = template.Library()

GENERIC_CARD = "page_types/cards/card.html"


# The Wagtail hook by which other apps add to content and listing pages what they offer readers (a newsletter,
# a calendar subscription). Each function takes the request (or None) and the page and returns HTML or "".
OUTREACH_HOOK = "page_types_outreach"


@register.simple_tag(takes_context=True)
def page_outreach(context: template.Context, page: Page) -> SafeString:
    """The HTML the ``page_types_outreach`` hooks give for ``page``; empty when no app registers one."""
    request = context.get("request")
    return mark_safe("".join(conditional_escape(fn(request, page)) for fn in hooks.get_hooks(OUTREACH_HOOK)))


@register.simple_tag
def date_range_html(date_range: DateRange) -> SafeString:
    """The range's wording (``DateRange.parts``) with each date and time in a ``<time>`` element."""
    return mark_safe(
        "".join(
            format_html('<time datetime="{}">{}</time>', formats.date_format(moment, "c"), text)
            if moment
            else conditional_escape(text)
            for text, moment in date_range.parts()
        )
    )


@register.simple_tag
def card_templates(page: Page) -> list[str]:
    """The card of the page's model first (e.g. ``cards/mintofferpage.html``), then the generic card."""
    return [f"page_types/cards/{page._meta.model_name}.html", GENERIC_CARD]


@register.simple_tag
def listing_rendition(page: ContentPage) -> AbstractRendition | None:
    """The page's listing image in the listing size, or ``None`` when the page has none."""
    if not page.listing_image_id:
        return None
    return page.listing_image.get_rendition(LISTING_RENDITION)


@register.filter
def era_label(slug: str) -> str:
    """The reader-facing name of an era of the innovation timeline."""
    return dict(Era.choices()).get(slug, slug)


@register.filter
def page_query(query_without_page: str, number: int) -> str:
    """The query string of result page ``number``, keeping the reader's filters: ``?interest=x&seite=2``."""
    return (
        f"?{query_without_page}&{PAGE_PARAMETER}={number}"
        if query_without_page
        else f"?{PAGE_PARAMETER}={number}"
    )


@register.simple_tag
def elided_page_range(page_obj: DjangoPage) -> list[int | str]:
    """Page numbers around the current one, with an ellipsis for the long stretches between."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))

"""Template tags for the site chrome: main navigation and the legal pages in the footer."""

from django import template
from wagtail.models import Page, Site

register = template.Library()

LEGAL_PAGE_SLUGS = ("impressum", "datenschutz")


def _home(context) -> Page | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[Page]:
    """The live children of the home page that are shown in menus."""
    home = _home(context)
    return list(home.get_children().live().in_menu()) if home else []


@register.simple_tag(takes_context=True)
def legal_pages(context) -> list[Page]:
    """Impressum and Datenschutz, linked from every page's footer."""
    home = _home(context)
    if not home:
        return []
    pages = {p.slug: p for p in home.get_children().live().filter(slug__in=LEGAL_PAGE_SLUGS)}
    return [pages[slug] for slug in LEGAL_PAGE_SLUGS if slug in pages]

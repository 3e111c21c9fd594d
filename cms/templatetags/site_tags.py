"""Template tags for the site chrome: content language, navigation, breadcrumbs and the legal pages."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi, get_language_info
from wagtail.coreutils import get_content_languages
from wagtail.models import Page, Site

register = template.Library()

LEGAL_PAGE_SLUGS = ("impressum", "datenschutz")


def _home(context) -> Page | None:
    """The site's home page in the language being shown (its translation, where one exists), looked up
    once per request: navigation, breadcrumbs and footer all ask."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_localized_home"):
        site = Site.find_for_request(request)
        request._localized_home = site.root_page.localized if site else None
    return request._localized_home


@register.simple_tag(takes_context=True)
def content_language(context) -> str:
    """The language the page is written in: a Wagtail page's locale, otherwise the language of its address
    (``/en/newsletter/…`` is English), which ``cms.middleware`` activated.

    Rendering a Wagtail page in its own language as well keeps ``<html lang>`` true (WCAG 3.1.1) and dates
    in that language for a page of another locale.
    """
    page = context.get("page")
    if isinstance(page, Page):
        return page.locale.language_code
    return get_language()


@register.simple_tag
def text_direction() -> str:
    """``rtl`` when the active language is written from right to left (Arabic, Hebrew …), else ``ltr``."""
    return "rtl" if get_language_bidi() else "ltr"


@dataclass(frozen=True)
class LanguageVersion:
    """One entry of the language switcher: a content language and the page's translation into it."""

    language: str
    name: str
    url: str
    current: bool


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[LanguageVersion]:
    """The page in every content language: its live translation's address, or none (``url`` empty).

    Outside Wagtail pages, the same view under each language's prefix where its address has one (search,
    the newsletter pages); empty where the site has one language only, or the address has no prefix.
    """
    page = context.get("page")
    languages = list(get_content_languages())
    request = context.get("request")
    if len(languages) < 2 or request is None:
        return []
    if not isinstance(page, Page):
        return same_view_versions(request, languages)
    translations = {
        translation.locale.language_code: translation
        for translation in page.get_translations(inclusive=True).live().public().select_related("locale")
    }
    versions = []
    for code in languages:
        translation = translations.get(code)
        url = (translation.get_url(request) or "") if translation else ""
        name = get_language_info(code)["name_local"]
        versions.append(LanguageVersion(code, name, url, current=code == page.locale.language_code))
    return versions


def same_view_versions(request: HttpRequest, languages: list[str]) -> list[LanguageVersion]:
    """The requested view's address in each language (``translate_url``), if it differs by language."""
    current = get_language()
    urls = {code: translate_url(request.get_full_path(), code) for code in languages}
    if len(set(urls.values())) < 2:
        return []
    return [
        LanguageVersion(code, get_language_info(code)["name_local"], urls[code], current=code == current)
        for code in languages
    ]


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[Page]:
    """The live children of the home page that are shown in menus."""
    home = _home(context)
    return list(home.get_children().live().in_menu()) if home else []


@register.simple_tag(takes_context=True)
def aria_current(context, url: str) -> SafeString:
    """`` aria-current="page"`` on a link to the page being shown, ``"true"`` on a link to its section.

    Compares paths of the request and the link, so it works on Wagtail pages and Django views alike; the
    home page ("/") is only ever current on itself, otherwise every page would lie in its section.
    """
    request = context.get("request")
    if not request or not url:
        return mark_safe("")
    link_path = urlsplit(url).path
    if request.path == link_path:
        return mark_safe(' aria-current="page"')
    if link_path != "/" and request.path.startswith(link_path.rstrip("/") + "/"):
        return mark_safe(' aria-current="true"')
    return mark_safe("")


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> list[Page]:
    """The ancestors of the current page from the site's home page down, not including the page itself."""
    page = context.get("page")
    home = _home(context)
    if not isinstance(page, Page) or home is None or page.pk == home.pk:
        return []
    return list(page.get_ancestors().filter(depth__gte=home.depth, path__startswith=home.path))


@register.simple_tag(takes_context=True)
def legal_pages(context) -> list[Page]:
    """Impressum and Datenschutz, linked from every page's footer."""
    home = _home(context)
    if not home:
        return []
    pages = {p.slug: p for p in home.get_children().live().filter(slug__in=LEGAL_PAGE_SLUGS)}
    return [pages[slug] for slug in LEGAL_PAGE_SLUGS if slug in pages]

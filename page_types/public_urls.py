"""Absolute URLs: from configuration, never from the request's ``Host`` header.

The content API, the feeds and the mails build theirs by one rule, the public base URL
(``PAGE_TYPES_PUBLIC_BASE_URL``, by default ``WAGTAILADMIN_BASE_URL``; ``public_url``). The HTML pages'
canonical links, sitemap and structured data follow Wagtail's site record (``site_root_url``), which a
host's set-up command sets from the same URL: the request only chooses which configured site it is for
(``Site.find_for_request``, which falls back to the default site for a host it does not know); scheme, host
and port come from that site's record (``Site.root_url``: https for port 443), as in every page URL Wagtail
builds. So a forged ``Host`` header cannot put a foreign address into any link.
"""

from urllib.parse import urlsplit

from django.http import HttpRequest
from wagtail.models import Page, Site

from page_types import app_settings


def site_root_url(request: HttpRequest | None) -> str:
    """``scheme://host[:port]`` of the site the request is for, or of the default site; ``""`` without any."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute_url(request: HttpRequest | None, url: str) -> str:
    """``url`` made absolute on the configured site; an absolute URL (media on a CDN) is kept."""
    if urlsplit(url).scheme:
        return url
    return site_root_url(request) + "/" + url.lstrip("/")


def public_base_url() -> str:
    """The configured public base URL without a trailing slash (``""`` if none is configured)."""
    return app_settings.public_base_url_setting().rstrip("/")


def public_url(url: str) -> str:
    """``url`` (a path) made absolute on the public base URL; an absolute URL (media on a CDN) is kept."""
    if urlsplit(url).scheme:
        return url
    return public_base_url() + "/" + url.lstrip("/")


def public_host() -> str:
    """The public base URL's host name, which feed entry ids and calendar UIDs name."""
    return urlsplit(public_base_url()).hostname or "localhost"


def public_page_url(page: Page, request: HttpRequest | None) -> str | None:
    """A page's absolute URL on the public base URL; ``None`` for a page outside every site."""
    url = page.get_url(request=request)
    return public_url(url) if url else None

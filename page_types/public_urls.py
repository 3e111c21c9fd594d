"""Absolute URLs for search engines, messengers and feeds: from the configured Wagtail site, never the Host.

The request only chooses which configured site it is for (``Site.find_for_request``, which falls back to the
default site for a host it does not know); scheme, host and port come from that site's record
(``Site.root_url``: https for port 443), as in every page URL Wagtail builds. So a forged ``Host`` header
cannot put a foreign address into canonical links, the sitemap, ``robots.txt`` or structured data.
"""

from urllib.parse import urlsplit

from django.http import HttpRequest
from wagtail.models import Site


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

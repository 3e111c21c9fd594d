"""Content Security Policy: a strict policy for the public site and the APIs, a wider one for the admin.

The public templates load scripts and styles from our own origin only, so the site gets no
``'unsafe-inline'`` at all: an injected ``<script>`` or ``style=`` attribute in stored content does nothing
even if an escaping bug let it through. Wagtail 8's admin still renders inline ``<script>`` elements (date
pickers, inline panels) and inline styles, and shows ``blob:`` previews of uploads, so pages below the admin
prefix get exactly those additions and nothing more — no ``'unsafe-eval'``, no foreign origins.
"""

from collections.abc import Iterable
from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

Directives = dict[str, list[str]]


def origin_of(url: str) -> str | None:
    """The ``scheme://host[:port]`` of an absolute URL, or ``None`` for a relative one."""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def site_directives(*, media_origins: Iterable[str] = (), frame_origins: Iterable[str] = ()) -> Directives:
    """The policy of every public page and API response.

    ``media_origins`` are where uploaded images and documents are served from when they are not on our own
    origin (an S3 bucket or its CDN); ``frame_origins`` are the embed providers editors may use.
    """
    media = [SELF, *media_origins]
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [*media, "data:"],
        "media-src": media,
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *frame_origins],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }


def admin_directives(site: Directives) -> Directives:
    """The site policy plus what Wagtail's admin needs: inline scripts and styles, ``blob:`` previews."""
    admin = {name: list(sources) for name, sources in site.items()}
    admin["script-src"] = [*site["script-src"], UNSAFE_INLINE]
    admin["style-src"] = [*site["style-src"], UNSAFE_INLINE]
    admin["img-src"] = [*site["img-src"], "blob:"]
    return admin


class AreaContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, sending ``ADMIN_CONTENT_SECURITY_POLICY`` below its URL prefixes.

    A view that sets its own policy with django-csp's decorators keeps it.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        if (
            admin
            and not report_only
            and parts.config is None
            and request.path_info.startswith(tuple(admin["URL_PREFIXES"]))
        ):
            parts.config = admin["DIRECTIVES"]
        return parts

"""Compressed answers (zstd, Brotli or gzip, as the client accepts) for the APIs and the feeds only.

The encoding is chosen and applied by django-compression-middleware, which compresses gzip with Django's own
``GZipMiddleware`` functions and, like it, weakens a strong ``ETag`` of a compressed body (``W/"…"``): the
content API's and the feeds' revalidation still answers 304, since ``If-None-Match`` compares weakly.

HTML pages are not compressed. BREACH reads secrets out of compressed pages that also reflect an attacker's
input: the sign-up, preference and admin pages carry CSRF tokens, subscriber tokens or personal data. The
APIs and feeds send no cookie-bound secret — they use no session, and a token in their URL is never echoed
next to input — so there compression saves bytes and leaks nothing. Static files come compressed from
WhiteNoise.
"""

import re

from compression_middleware.middleware import CompressionMiddleware
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_vary_headers

COMPRESSED_PATHS = re.compile(r"^/(api|feeds)/")


class ApiCompressionMiddleware(CompressionMiddleware):
    """Compress the answers under ``/api/`` and ``/feeds/``; leave every other answer as it is."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not COMPRESSED_PATHS.match(request.path_info):
            return response
        # Also on answers too short to compress and on 304s: a cache must not serve one encoding for another.
        patch_vary_headers(response, ("Accept-Encoding",))
        return super().process_response(request, response)

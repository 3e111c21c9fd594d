"""The feed cache and conditional GET: built feeds are kept until content changes, and readers revalidate.

A *version* in the cache (a random token and the time of the last change) names the current state of the
published content. Signal handlers (``campaigns.signal_handlers``) replace it on every publish, unpublish,
move, privacy change and channel or vocabulary edit, so feeds built before a change are never found again —
nothing has to be deleted, and there is no stale answer. The ETag is derived from the version and the full
URL, so a 304 costs no content query at all.

The cache is Django's default cache: with several web processes it must be a shared one (``REDIS_URL``), or
a publish would only reach the process that handled it.
"""

import hashlib
import math
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import http_date

from campaigns.feeds import app_settings

VERSION_KEY = "campaigns:feeds:version"
FEED_KEY_PREFIX = "campaigns:feeds:feed:"
# Stored by browsers and shared caches, but revalidated on every use: a 304 is cheap, a publish shows at once.
CACHE_CONTROL = "public, no-cache"


@dataclass(frozen=True)
class FeedVersion:
    """The state of the published content: a token that changes with it, and when it last changed."""

    token: str
    changed_at: float

    def last_modified(self, now: float | None = None) -> int | None:
        """``Last-Modified`` in whole seconds, later than any earlier version's — or ``None`` for now.

        HTTP dates have no fractions: the next full second after the change is used, and only once it has
        passed, so that a change later within the same second still gets a newer date.
        """
        stamp = math.floor(self.changed_at) + 1
        return stamp if stamp <= (now or time.time()) else None


def _new_version() -> FeedVersion:
    return FeedVersion(secrets.token_hex(8), time.time())


def current_version() -> FeedVersion:
    """The current version; an empty (or evicted) cache starts a new one, which only costs a rebuild."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY) or _new_version()
    return version


def bump() -> None:
    """Start a new version: every feed built so far is outdated."""
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def content_changed(**kwargs) -> None:
    """Signal handler: bump now and again once the change is committed.

    The first bump makes the change visible to this process at once; the second one discards a feed that
    another request may have built between the bump and the commit from the still uncommitted state.
    """
    bump()
    transaction.on_commit(bump)


@dataclass(frozen=True)
class FeedKey:
    """The cache key and ETag of one feed response in one version."""

    key: str
    etag: str
    last_modified: int | None


def feed_key(request: HttpRequest, version: FeedVersion, extra: Iterable[str] = ()) -> FeedKey:
    """Key and validators of the response to ``request``: the URL with host and query, plus ``extra``."""
    parts = [version.token, request.build_absolute_uri(), *extra]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return FeedKey(FEED_KEY_PREFIX + digest, quote_etag(digest), version.last_modified())


def not_modified(request: HttpRequest, key: FeedKey) -> HttpResponseBase | None:
    """A 304 when the reader's copy is current (by ``If-None-Match`` or ``If-Modified-Since``)."""
    response = get_conditional_response(request, etag=key.etag, last_modified=key.last_modified)
    if response is not None:
        mark_cacheable(response, key)
    return response


def mark_cacheable(response: HttpResponseBase, key: FeedKey) -> None:
    response["ETag"] = key.etag
    if key.last_modified:
        response["Last-Modified"] = http_date(key.last_modified)
    response["Cache-Control"] = CACHE_CONTROL


def cached_feed(key: FeedKey) -> bytes | None:
    return cache.get(key.key)


def store_feed(key: FeedKey, body: bytes) -> None:
    cache.set(key.key, body, timeout=app_settings.cache_seconds())

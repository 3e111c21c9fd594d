"""HTTP caching of everything built from published content: the content API, feeds and calendars.

One primitive decides when an answer is stale: ``ContentVersion``, a database row that every change to what
those outlets show advances (``page_types.signal_handlers``), in every process and on every host at once,
read together with the moment the latest date of a MINT offer came to be over (what shows dates still ahead
changes then, though nobody edited anything).
From it come the ``ETag`` and ``Last-Modified`` of a response, so a revalidation costs one query and no
rendering, and rendered bodies are kept in Django's cache under their ETag: a change makes a new ETag, so a
kept body is never stale, and the same URL asked for by many clients is rendered once per version.
Responses may be stored by browsers and shared caches but must be revalidated on every use (``no-cache``).
"""

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import http_date
from django.utils.translation import get_language

from page_types.models.querysets import last_date_over
from page_types.versions import ContentVersion

PUBLIC_CACHE_CONTROL = "public, no-cache"
PRIVATE_CACHE_CONTROL = "private, no-store"
# Bodies are found by ETag, so they can never be stale; the timeout only bounds memory.
BODY_CACHE_SECONDS = 600
BODY_KEY_PREFIX = "page_types.body:"


@dataclass(frozen=True)
class Validators:
    """The validators of one response: a strong ETag and, where it is exact, Last-Modified."""

    etag: str
    last_modified: int | None


def validators_for(
    request: HttpRequest,
    *,
    varies_with_time: bool = False,
    valid_from: datetime | None = None,
    media_type: str = "",
) -> Validators:
    """Validators of the response to ``request`` as of the current content version.

    The ETag covers the full URL (host, path, query), the port the request came in on, the language of
    messages and, where one URL answers in several media types (``Accept``), the ``media_type`` chosen: two
    representations that differ only in their media type need different strong validators (RFC 9110,
    8.8.3). The port counts apart from the URL because Wagtail tells sites apart by the server's port, which
    a ``Host`` header without one does not show. An answer that depends on the clock as well
    (``upcoming=true``) gets a new ETag every minute and no Last-Modified; one that changes at a known
    instant (a calendar's window moves at midnight: ``valid_from``) counts that instant as a modification.
    So does the moment the latest date of a MINT offer came to be over (``last_date_over``, read in the
    version's query): answers that show dates still ahead (``next_occurrence``, ``occurrences=upcoming``,
    ``order=next_occurrence``) change then, and keep their validators, and their kept bodies, until then.
    """
    now = timezone.now()
    version = ContentVersion.current(last_date_over=last_date_over(now))
    # The time of the last change as well as its number: a database restored from a backup counts again
    # from an older number, but not at the same instants.
    parts = [
        str(version.counter),
        version.changed_at.isoformat(),
        request.build_absolute_uri(),
        str(request.get_port()),
        get_language() or "",
    ]
    if media_type:
        parts.append(media_type)
    last_modified = version.last_modified()
    if varies_with_time:
        parts.append(current_minute())
        last_modified = None
    if valid_from is not None:
        parts.append(valid_from.isoformat())
        if last_modified is not None:
            last_modified = max(last_modified, int(valid_from.timestamp()))
    if (date_over := getattr(version, "last_date_over", None)) is not None:
        parts.append(date_over.isoformat())
        # Over just after that instant: from the next full second on, as for the version's own changes.
        stamp = math.floor(date_over.timestamp()) + 1
        if last_modified is not None:
            last_modified = max(last_modified, stamp) if stamp <= now.timestamp() else None
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return Validators(quote_etag(digest), last_modified)


def current_minute() -> str:
    """The minute that answers depending on the clock are valid for."""
    return timezone.now().strftime("%Y-%m-%dT%H:%M")


def conditional_response(request: HttpRequest, validators: Validators) -> HttpResponseBase | None:
    """A 304 (or 412) when the client's copy is current, else ``None``."""
    response = get_conditional_response(request, etag=validators.etag, last_modified=validators.last_modified)
    if response is not None:
        mark_cacheable(response, validators)
    return response


def cached_body(validators: Validators) -> bytes | None:
    """The body rendered earlier for these validators, if the cache still has it."""
    return cache.get(_body_key(validators))


def kept_response(request: HttpRequest, validators: Validators) -> HttpResponseBase | None:
    """The answer to ``request`` from the JSON body kept for ``validators``, or ``None`` when none is kept.

    A kept body is proof enough that the request is valid: bodies are only kept for successful answers,
    under an ETag of the full URL, the language and the content version — and every change that could
    make the same URL invalid, private or different (vocabulary, pages, privacy, sites) advances that
    version. So the answer needs no parameter checks, no site or restriction lookups and no serializer.
    """
    body = cached_body(validators)
    if body is None:
        return None
    return conditional_response(request, validators) or body_response(body, validators)


def body_response(
    body: bytes, validators: Validators, content_type: str = "application/json"
) -> HttpResponse:
    """A rendered body as a cacheable response."""
    response = HttpResponse(body, content_type=content_type)
    mark_cacheable(response, validators)
    return response


def keep_body(validators: Validators, body: bytes, timeout: int = BODY_CACHE_SECONDS) -> None:
    cache.set(_body_key(validators), body, timeout)


def _body_key(validators: Validators) -> str:
    return BODY_KEY_PREFIX + validators.etag.strip('"')


def mark_cacheable(response: HttpResponseBase, validators: Validators) -> None:
    response["ETag"] = validators.etag
    if validators.last_modified:
        response["Last-Modified"] = http_date(validators.last_modified)
    response["Cache-Control"] = PUBLIC_CACHE_CONTROL


def mark_private(response: HttpResponseBase) -> None:
    """Errors and previews of drafts are never stored."""
    response["Cache-Control"] = PRIVATE_CACHE_CONTROL

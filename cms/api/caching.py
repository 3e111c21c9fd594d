"""Caching of the content API: ``ETag``, ``Last-Modified``, ``Cache-Control`` and rendered bodies.

Validators come from ``ContentVersion``, which every change to published content bumps, so answering a
revalidation costs one query and no rendering. Responses may be stored by browsers and shared caches but
must be revalidated on every use (``no-cache``): a 304 is cheap, and a publish shows at once everywhere.
Rendered bodies are kept in Django's cache under their ETag: a change makes a new ETag, so a kept body is
never stale, and the same listing asked for by many front ends is rendered once per content version.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import http_date
from django.utils.translation import get_language

from cms.models import ContentVersion

PUBLIC_CACHE_CONTROL = "public, no-cache"
PRIVATE_CACHE_CONTROL = "private, no-store"
# Bodies are found by ETag, so they can never be stale; the timeout only bounds memory.
BODY_CACHE_SECONDS = 600


@dataclass(frozen=True)
class Validators:
    """The validators of one response: a strong ETag and, where it is exact, Last-Modified."""

    etag: str
    last_modified: int | None


def validators_for(request: HttpRequest, *, varies_with_time: bool = False) -> Validators:
    """Validators of the response to ``request`` as of the current content version.

    The ETag covers the full URL (host, path, query), the port the request came in on and the language of
    messages. The port counts apart from the URL because Wagtail tells sites apart by the server's port,
    which a ``Host`` header without one does not show. A response that depends on the clock as well
    (``upcoming=true``) gets a new ETag every minute and no Last-Modified.
    """
    version = ContentVersion.current()
    # The time of the last change as well as its number: a database restored from a backup counts again
    # from an older number, but not at the same instants.
    parts = [
        str(version.counter),
        version.changed_at.isoformat(),
        request.build_absolute_uri(),
        str(request.get_port()),
        get_language() or "",
    ]
    if varies_with_time:
        parts.append(current_minute())
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return Validators(quote_etag(digest), None if varies_with_time else version.last_modified())


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
    """The answer to ``request`` from the body kept for ``validators``, or ``None`` when none is kept.

    A kept body is proof enough that the request is valid: bodies are only kept for successful answers,
    under an ETag of the full URL, the language and the content version — and every change that could
    make the same URL invalid, private or different (vocabulary, pages, privacy, sites) advances that
    version. So the answer needs no parameter checks, no site or restriction lookups and no serializer.
    """
    body = cached_body(validators)
    if body is None:
        return None
    return conditional_response(request, validators) or body_response(body, validators)


def body_response(body: bytes, validators: Validators) -> HttpResponse:
    """A rendered body as a cacheable JSON response."""
    response = HttpResponse(body, content_type="application/json")
    mark_cacheable(response, validators)
    return response


def keep_body(validators: Validators, body: bytes) -> None:
    cache.set(_body_key(validators), body, BODY_CACHE_SECONDS)


def _body_key(validators: Validators) -> str:
    return "cms.api.body:" + validators.etag.strip('"')


def mark_cacheable(response: HttpResponseBase, validators: Validators) -> None:
    response["ETag"] = validators.etag
    if validators.last_modified:
        response["Last-Modified"] = http_date(validators.last_modified)
    response["Cache-Control"] = PUBLIC_CACHE_CONTROL


def mark_private(response: HttpResponseBase) -> None:
    """Errors and previews of drafts are never stored."""
    response["Cache-Control"] = PRIVATE_CACHE_CONTROL

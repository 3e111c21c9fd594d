"""A per-client rate limit for sign-ups, kept in Django's cache (local memory or Redis).

Fixed windows per client, aligned to the clock (window *n* covers ``[n·length, (n+1)·length)`` seconds since
the epoch, as django-ratelimit counts): the window's number is part of the counter's key, so the counter needs
no stored start time, a client is told the real seconds left until its window ends (``Retry-After``), and the
window moves on with ``timezone.now`` (which tests replace by their clock). The first attempt creates the
counter (``cache.add``), later ones increment it atomically (``cache.incr``), which both the local-memory and
the Redis backend implement without a read-modify-write race. IPv6 clients are counted per /64 network,
since a single host usually holds a whole /64.
"""

import ipaddress
import math
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from campaigns import app_settings

KEY_PREFIX = "campaigns:ratelimit"
# Set on a request by relay_for only; a header alone never sets it.
RELAYED_VISITOR = "campaigns_relayed_visitor"


def relay_for(request: HttpRequest, visitor: str) -> None:
    """Count and log ``request`` as made for ``visitor``: only once a relay's API key was verified."""
    setattr(request, RELAYED_VISITOR, visitor)


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: the visitor a verified relay names, the peer, or the entry the innermost
    trusted proxy added.

    ``X-Forwarded-For`` is only read when proxies are configured (``CAMPAIGNS_TRUSTED_PROXIES``), and then
    only the entry appended by the outermost of our own proxies counts: anything further left was sent
    by the client and can be forged.
    """
    if visitor := getattr(request, RELAYED_VISITOR, None):
        return visitor
    address = request.META.get("REMOTE_ADDR", "")
    proxies = app_settings.trusted_proxies()
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_bucket(request: HttpRequest) -> str:
    """What a client is counted as: its address, for IPv6 its /64 network (``unknown`` without one)."""
    address = client_address(request)
    if address is None:
        return "unknown"
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def count(key: str, window: int) -> int:
    """Add one to the counter ``key`` of a fixed window of ``window`` seconds; return the new count."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def admit(request: HttpRequest, is_valid: Callable[[], bool], scope: str = "signup") -> int | None:
    """Whether the client's attempt may go ahead: ``None`` if so, else the seconds until its window ends.

    Only valid attempts spend the budget, so that a form sent back with errors costs nothing: ``is_valid``
    is asked only while budget is left, and an invalid attempt goes ahead to be answered with its errors.
    A valid one is counted, and refused if it is one too many (concurrent attempts may have spent the rest).
    """
    length = app_settings.signup_rate_window()
    window, elapsed = divmod(timezone.now().timestamp(), length)
    key = f"{KEY_PREFIX}:{scope}:{client_bucket(request)}:{int(window)}"
    limit = app_settings.signup_rate_limit()
    if cache.get(key, 0) >= limit or (is_valid() and count(key, length) > limit):
        return max(1, math.ceil(length - elapsed))
    return None

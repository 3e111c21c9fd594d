"""A per-client rate limit for sign-ups, kept in Django's cache (local memory or Redis).

A fixed window per client: the first attempt creates the counter with the window as its lifetime
(``cache.add``), later attempts increment it atomically (``cache.incr``), which both the local-memory and the
Redis backend implement without a read-modify-write race. IPv6 clients are counted per /64 network, since a
single host usually holds a whole /64.
"""

import ipaddress

from django.core.cache import cache
from django.http import HttpRequest

from campaigns import app_settings

KEY_PREFIX = "campaigns:ratelimit"


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: the peer, or the entry the innermost trusted proxy added.

    ``X-Forwarded-For`` is only read when proxies are configured (``CAMPAIGNS_TRUSTED_PROXIES``), and then
    only the entry appended by the outermost of our own proxies counts: anything further left was sent
    by the client and can be forged.
    """
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


def allow(request: HttpRequest, scope: str = "signup") -> bool:
    """Count one attempt of the client; return whether it is within the limit."""
    key = f"{KEY_PREFIX}:{scope}:{client_bucket(request)}"
    return count(key, app_settings.signup_rate_window()) <= app_settings.signup_rate_limit()


def retry_after() -> int:
    """Seconds a limited client is told to wait (the window length, an upper bound)."""
    return app_settings.signup_rate_window()

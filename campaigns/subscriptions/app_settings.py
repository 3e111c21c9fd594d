"""Settings of the subscription flows, read in one place with their defaults.

Each is a Django setting with the ``CAMPAIGNS_`` prefix; they are read on every access so that tests (and
``override_settings``) see changes at once.
"""

from datetime import timedelta

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"CAMPAIGNS_{name}", default)


def signup_rate_limit() -> int:
    """Sign-up attempts allowed per client address (IPv6: per /64 network) and window.

    Generous by default: a whole school class may sign up from one school network within minutes.
    """
    return int(_get("SIGNUP_RATE_LIMIT", 60))


def signup_rate_window() -> int:
    """Length of the rate-limit window in seconds."""
    return int(_get("SIGNUP_RATE_WINDOW", 600))


def trusted_proxies() -> int:
    """How many reverse proxies in front of the site append to ``X-Forwarded-For`` (0: use the peer)."""
    return int(_get("TRUSTED_PROXIES", 0))


def confirmation_cooldown() -> timedelta:
    """A repeated sign-up sends at most one new confirmation mail within this period."""
    return timedelta(seconds=int(_get("CONFIRMATION_COOLDOWN", 15 * 60)))


def queue_confirmation_mails() -> bool:
    """Send confirmation mails from a django-q2 worker (default) instead of within the request.

    Queuing keeps SMTP latency and failures out of the sign-up request, and makes the answer take the
    same time for a new address as for a known one.
    """
    return bool(_get("QUEUE_CONFIRMATION_MAILS", True))


def pending_retention() -> timedelta:
    """How long an unconfirmed sign-up is kept before ``purge_pending_subscribers`` removes it."""
    return timedelta(days=int(_get("PENDING_RETENTION_DAYS", 30)))


def public_base_url() -> str:
    """The site's public base URL, for absolute links in mails sent outside a request."""
    return str(_get("PUBLIC_BASE_URL", getattr(settings, "WAGTAILADMIN_BASE_URL", ""))).rstrip("/")


def privacy_page_slug() -> str:
    """The slug of the privacy policy page (a child of the site's home page) linked next to the consent."""
    return str(_get("PRIVACY_PAGE_SLUG", "datenschutz"))

"""Settings of the campaign engine, read in one place with their defaults.

Each is a Django setting with the ``CAMPAIGNS_`` prefix (the host project fills them from the environment);
they are read on every access so that ``override_settings`` in tests takes effect at once.
"""

from email.utils import parseaddr

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"CAMPAIGNS_{name}", default)


def batch_size() -> int:
    """Deliveries one batch task claims and sends over one connection."""
    return max(1, int(_get("BATCH_SIZE", 200)))


def send_rate() -> float:
    """Messages per second over all workers together; 0 means no limit."""
    return max(0.0, float(_get("SEND_RATE", 0)))


def concurrency() -> int:
    """How many batch tasks of one issue run at the same time (at most one per qcluster worker helps)."""
    default = settings.Q_CLUSTER.get("workers", 2) if hasattr(settings, "Q_CLUSTER") else 2
    return max(1, int(_get("SEND_CONCURRENCY", default)))


def lease_seconds() -> int:
    """How long claimed deliveries belong to a worker without a sign of life before the sweeper frees them."""
    return max(1, int(_get("LEASE_SECONDS", 120)))


def record_every() -> int:
    """Results are written after this many messages: it bounds what a crash can send twice."""
    return max(1, int(_get("RECORD_EVERY", 50)))


def max_attempts() -> int:
    """Attempts per delivery before a transient error counts as a failure."""
    return max(1, int(_get("MAX_ATTEMPTS", 5)))


def retry_delay() -> float:
    """Seconds before the first retry after a transient error; each further retry waits twice as long."""
    return max(0.0, float(_get("RETRY_DELAY", 60)))


def tracking_retention_days() -> int:
    """Days after an issue's dispatch ended that its measured opens and clicks are kept.

    A report is read in the weeks after an issue; keeping who opened what for longer serves no purpose the
    consent covers (data minimisation, GDPR Art. 5(1)(e)).
    """
    return max(1, int(_get("TRACKING_RETENTION_DAYS", 180)))


def content_language() -> str:
    """The language the pages are written in: the mails' ``lang`` and ``Content-Language``.

    A reader's own language translates the mail's wording (salutation, headings, footer); the pages
    themselves stay in the site's language, so that is what the document declares.
    """
    return str(_get("CONTENT_LANGUAGE", settings.LANGUAGE_CODE)).split("-")[0]


def from_email() -> str:
    return str(_get("FROM_EMAIL", settings.DEFAULT_FROM_EMAIL))


def sender_domain() -> str:
    """The domain of the sender address: for Message-IDs, List-Id and the unsubscribe mailbox."""
    return parseaddr(from_email())[1].rpartition("@")[2] or "localhost"


def unsubscribe_mailto() -> str:
    """The mailbox of the ``mailto:`` in ``List-Unsubscribe``.

    Requests to it are processed automatically (``campaigns.subscriptions.unsubscribe_mail``), delivered
    by an ESP's inbound webhook or an MTA alias piping into ``manage.py process_unsubscribe_mail``; mail to
    it is never answered.
    """
    return str(_get("UNSUBSCRIBE_MAILTO", "") or f"abmelden@{sender_domain()}")


def imprint() -> str:
    """The Impressum printed in every newsletter's footer (lines separated by newlines).

    The publisher must be named in every mail (§ 5 DDG); the host sets it, the plugin falls back to the
    site's name.
    """
    return str(_get("IMPRINT", "") or getattr(settings, "WAGTAIL_SITE_NAME", ""))


def imprint_url() -> str:
    """The site's Impressum page (a path on the site, or an absolute URL)."""
    return str(_get("IMPRINT_URL", "/impressum/"))

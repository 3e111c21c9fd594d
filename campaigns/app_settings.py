"""Settings of the outreach plugin, each declared once with its default (``page_types.conf.AppSetting``).

Each is a Django setting with the ``CAMPAIGNS_`` prefix; call one to read it
(``app_settings.batch_size()``). A host may fill them from the environment: the Leuchtturm host does, with the
same names, and lists them in its configuration table.
"""

from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings

from page_types.conf import AppSetting


def _worker_count() -> int:
    """the number of django-q2 workers (``Q_CLUSTER["workers"]``)"""
    return getattr(settings, "Q_CLUSTER", {}).get("workers", 2)


def _site_language() -> str:
    """the site's ``LANGUAGE_CODE``"""
    return settings.LANGUAGE_CODE


def _default_from_email() -> str:
    """``DEFAULT_FROM_EMAIL``"""
    return settings.DEFAULT_FROM_EMAIL


def _site_name() -> str:
    """``WAGTAIL_SITE_NAME``"""
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


def _backend_esp() -> str:
    """the ESP of an ``anymail.backends.<esp>.EmailBackend`` in ``EMAIL_BACKEND``, else none"""
    module = getattr(settings, "EMAIL_BACKEND", "").rpartition(".")[0]
    prefix, _dot, esp = module.rpartition(".")
    return esp if prefix == "anymail.backends" and esp not in ("test", "console") else ""


# -- sending -----------------------------------------------------------------------------------------------
batch_size = AppSetting(
    "CAMPAIGNS_BATCH_SIZE", int, 200, "Deliveries one batch task claims and sends over one connection.", 1
)
send_rate = AppSetting(
    "CAMPAIGNS_SEND_RATE",
    float,
    0.0,
    "Messages per second of the whole installation — all issues and confirmation mails, all workers "
    "together (set it to the provider's limit); 0 means no limit.",
    0,
)
concurrency = AppSetting(
    "CAMPAIGNS_SEND_CONCURRENCY",
    int,
    _worker_count,
    "How many batch tasks of one campaign run at the same time (more than one per worker does not help).",
    1,
)
lease_seconds = AppSetting(
    "CAMPAIGNS_LEASE_SECONDS",
    int,
    120,
    "Seconds claimed deliveries belong to a worker without a sign of life before the sweeper frees them.",
    1,
)
record_every = AppSetting(
    "CAMPAIGNS_RECORD_EVERY",
    int,
    50,
    "Results are written after this many messages: it bounds what a crash can send twice.",
    1,
)
retry_delay = AppSetting(
    "CAMPAIGNS_RETRY_DELAY",
    float,
    60.0,
    "Seconds before the first retry after a transient error; after that each retry waits as long as the "
    "delivery has been failing (so the waits double), at most ``CAMPAIGNS_RETRY_MAX_DELAY``.",
    0,
)
retry_max_delay = AppSetting(
    "CAMPAIGNS_RETRY_MAX_DELAY",
    float,
    3600.0,
    "The longest wait in seconds between two retries of a delivery.",
    1,
)
retry_horizon = AppSetting(
    "CAMPAIGNS_RETRY_HORIZON",
    float,
    24 * 60 * 60,
    "Seconds a delivery is retried after its first transient error (connection refused, timeout, 4xx "
    "SMTP, an ESP's 5xx) before it fails; it outlasts a provider's outage of a night.",
    0,
    unit=timedelta(seconds=1),
)
hold_after_silence = AppSetting(
    "CAMPAIGNS_HOLD_AFTER_SILENCE",
    int,
    15 * 60,
    "Seconds without any sending activity (the sweeper runs every minute) after which the workers hold all "
    "sending until ``manage.py resume_sending``: a database restored from a backup, or a long outage, must "
    "not resume issues and fire past schedules unseen.",
    60,
    unit=timedelta(seconds=1),
)
pause_after_failures = AppSetting(
    "CAMPAIGNS_PAUSE_AFTER_FAILURES",
    int,
    20,
    "Consecutive deliveries of an issue that fail without the recipient being at fault (transient errors, "
    "a refused message or sender) before the issue pauses and the campaign managers are told.",
    1,
)

esp = AppSetting(
    "CAMPAIGNS_ESP",
    str,
    _backend_esp,
    "The ESP whose webhooks (bounces, complaints, inbound mail) are mounted under ``/webhooks/anymail/``, "
    "as django-anymail names it (``postmark``, ``amazon_ses``, …): set it when mail goes through the ESP's "
    "SMTP relay. Empty: none, as for plain SMTP.",
)

# -- mails ------------------------------------------------------------------------------------------------
content_language_setting = AppSetting(
    "CAMPAIGNS_CONTENT_LANGUAGE",
    str,
    _site_language,
    "The language the pages are written in: the mails' ``lang`` and ``Content-Language``.",
)
from_email = AppSetting(
    "CAMPAIGNS_FROM_EMAIL", str, _default_from_email, "Sender of newsletters and confirmation mails."
)
imprint = AppSetting(
    "CAMPAIGNS_IMPRINT",
    str,
    _site_name,
    "The Impressum in every newsletter's footer (lines separated by newlines); the publisher must be named "
    "in every mail (§ 5 DDG).",
)
imprint_url = AppSetting(
    "CAMPAIGNS_IMPRINT_URL", str, "/impressum/", "The site's Impressum page (a path on the site, or a URL)."
)
reminder_days_before = AppSetting(
    "CAMPAIGNS_REMINDER_DAYS_BEFORE",
    int,
    3,
    "Days before a MINT offer's registration deadline that readers who asked for it are reminded.",
    1,
)
tracking_retention_days = AppSetting(
    "CAMPAIGNS_TRACKING_RETENTION_DAYS",
    int,
    180,
    "Days after a campaign's dispatch ended that its measured opens and clicks are kept (GDPR Art. 5(1)(e)).",
    1,
)

# -- subscriptions ----------------------------------------------------------------------------------------
signup_rate_limit = AppSetting(
    "CAMPAIGNS_SIGNUP_RATE_LIMIT",
    int,
    60,
    "Sign-up attempts allowed per client address (IPv6: per /64 network) and window; generous, because a "
    "whole school class may sign up from one school network within minutes.",
)
signup_rate_window = AppSetting(
    "CAMPAIGNS_SIGNUP_RATE_WINDOW", int, 600, "Length of the sign-up rate-limit window in seconds."
)
trusted_proxies = AppSetting(
    "CAMPAIGNS_TRUSTED_PROXIES",
    int,
    0,
    "How many reverse proxies in front of the site append to ``X-Forwarded-For`` (0: use the peer).",
    0,
)
confirmation_cooldown = AppSetting(
    "CAMPAIGNS_CONFIRMATION_COOLDOWN",
    int,
    15 * 60,
    "Seconds within which a repeated sign-up sends no further confirmation mail.",
    0,
    unit=timedelta(seconds=1),
)
queue_confirmation_mails = AppSetting(
    "CAMPAIGNS_QUEUE_CONFIRMATION_MAILS",
    bool,
    True,
    "Process sign-ups and send confirmation and link mails from a django-q2 worker instead of within the "
    "request: it keeps SMTP latency and failures out of the sign-up, and makes the answer the same work "
    "for every address. Off (development only), sign-ups are processed in the request.",
)
pending_retention = AppSetting(
    "CAMPAIGNS_PENDING_RETENTION_DAYS",
    int,
    30,
    "Days an unconfirmed sign-up is kept before ``purge_pending_subscribers`` removes it.",
    1,
    unit=timedelta(days=1),
)
preference_link_days = AppSetting(
    "CAMPAIGNS_PREFERENCE_LINK_DAYS",
    int,
    30,
    "Days a preference link works (read and change the facets and channels); after that the page sends a "
    "fresh one to the subscriber's address, so a forwarded newsletter does not open them for good.",
    1,
    unit=timedelta(days=1),
)
unsubscribe_link_days = AppSetting(
    "CAMPAIGNS_UNSUBSCRIBE_LINK_DAYS",
    int,
    365,
    "Days an unsubscribe link (also the RFC 8058 one-click target) works; at least 60, which mail "
    "providers expect. Leaving every channel ends all older links at once.",
    60,
    unit=timedelta(days=1),
)
left_retention = AppSetting(
    "CAMPAIGNS_LEFT_RETENTION_DAYS",
    int,
    30,
    "Days after a subscriber left every channel (unsubscribed) that their personal data is kept; then "
    "``purge_expired_data`` erases it, without suppressing the address, so they may sign up again.",
    1,
    unit=timedelta(days=1),
)
bounced_retention = AppSetting(
    "CAMPAIGNS_BOUNCED_RETENTION_DAYS",
    int,
    30,
    "Days the personal data of a subscriber whose every subscription ended by a bounce or complaint is kept "
    "(the address stays suppressed as a hash).",
    1,
    unit=timedelta(days=1),
)
consent_ip_retention = AppSetting(
    "CAMPAIGNS_CONSENT_IP_RETENTION_DAYS",
    int,
    3 * 365,
    "Days the client address of a consent-log entry is kept as part of the proof of consent (three years: "
    "the limitation period of § 195 BGB); then it is removed, the entry stays.",
    1,
    unit=timedelta(days=1),
)
delivery_retention = AppSetting(
    "CAMPAIGNS_DELIVERY_RETENTION_DAYS",
    int,
    365,
    "Days after an issue's dispatch ended that its deliveries name their recipients; then they are kept as "
    "anonymous counts (without subscriber, Message-ID and server reply).",
    1,
    unit=timedelta(days=1),
)
task_log_retention = AppSetting(
    "CAMPAIGNS_TASK_LOG_RETENTION_DAYS",
    int,
    90,
    "Days the background tasks' results and failures (django-q2) are kept.",
    1,
    unit=timedelta(days=1),
)
privacy_page_slug = AppSetting(
    "CAMPAIGNS_PRIVACY_PAGE_SLUG",
    str,
    "datenschutz",
    "The slug of the privacy page (a child of the home page) linked next to the consent.",
)

# -- feeds and calendars ------------------------------------------------------------------------------------
feed_max_items = AppSetting(
    "CAMPAIGNS_FEED_MAX_ITEMS",
    int,
    500,
    "The largest ``limit`` of a feed or calendar, and a calendar's size without one; it bounds the work of "
    'building one (docs/API.md, "Most items in one answer").',
    1,
)
feed_items = AppSetting(
    "CAMPAIGNS_FEED_ITEMS",
    int,
    50,
    "Items of an RSS, Atom or JSON feed without ``limit``: enough for a reader that polls daily.",
    1,
    feed_max_items,
)
calendar_events = AppSetting(
    "CAMPAIGNS_CALENDAR_EVENTS",
    int,
    feed_max_items,
    "Events of a calendar without ``limit``: a calendar should show every date.",
    1,
    feed_max_items,
)
calendar_past_days = AppSetting(
    "CAMPAIGNS_CALENDAR_PAST_DAYS",
    int,
    90,
    "Dates that began up to this many days ago stay in a calendar, so that a subscribed calendar does not "
    "lose them the moment they start.",
    0,
)
feed_cache_seconds = AppSetting(
    "CAMPAIGNS_FEED_CACHE_SECONDS",
    int,
    24 * 60 * 60,
    "Seconds a built feed stays in the cache; a change of content makes it stale earlier.",
    1,
)
feed_publisher_setting = AppSetting(
    "CAMPAIGNS_FEED_PUBLISHER",
    str,
    "",
    "The author of every feed; empty: the display name of the sender address, else the site's name.",
)
trusted_authserv_ids_setting = AppSetting(
    "CAMPAIGNS_TRUSTED_AUTHSERV_IDS",
    str,
    "",
    "Comma-separated names (authserv-ids) of the receiving mail servers whose ``Authentication-Results`` "
    "are believed for mail to the unsubscribe mailbox; it acts only on mail they show as DMARC pass or "
    "aligned DKIM pass. Empty: no mail is believed, mail to the mailbox changes nothing.",
)
unsubscribe_mailto_setting = AppSetting(
    "CAMPAIGNS_UNSUBSCRIBE_MAILTO",
    str,
    "",
    "The mailbox of the ``mailto:`` in every newsletter's ``List-Unsubscribe``; empty: "
    "``abmelden@`` the sender's domain. Mail to it unsubscribes its sender and is never answered.",
)


def sender_domain() -> str:
    """The domain of the sender address: for Message-IDs, List-Id and the unsubscribe mailbox."""
    return parseaddr(from_email())[1].rpartition("@")[2] or "localhost"


def unsubscribe_mailto() -> str:
    """The unsubscribe mailbox (``campaigns.subscriptions.unsubscribe_mail`` processes what arrives)."""
    return unsubscribe_mailto_setting() or f"abmelden@{sender_domain()}"


def trusted_authserv_ids() -> list[str]:
    """The mail servers whose ``Authentication-Results`` the unsubscribe mailbox believes."""
    return [name.strip() for name in trusted_authserv_ids_setting().split(",") if name.strip()]


def feed_publisher() -> str:
    """The publishing body named as every feed's author: editors' names are not published."""
    return feed_publisher_setting() or parseaddr(from_email())[0] or _site_name()


def content_language() -> str:
    """The content language without a region (``de`` for ``de-DE``): a reader's own language translates the
    mail's frame, the pages themselves stay in this one."""
    return content_language_setting().split("-")[0]

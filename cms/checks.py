"""System checks that keep an unsafe production configuration from starting.

With ``DEBUG`` off each is an error, so ``migrate``, ``qcluster`` and every other command refuse to run, and
so does the web process (``cms.wsgi`` runs the checks before it serves); each message names the variable to
set. The development defaults (SQLite, a per-process cache, mail written to files, ``localhost``) are
right for ``make run`` and wrong for a district's site: they would mark issues sent into ``var/mail``, mail
links to ``127.0.0.1`` and count login failures per process. An operator who means one of them (a
single-machine installation on SQLite) says so with a variable, or silences the check by its id in
``SILENCED_SYSTEM_CHECKS``.
"""

import os
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, register, run_checks
from django.core.exceptions import ImproperlyConfigured

from campaigns import app_settings as campaigns_settings
from page_types.public_urls import public_base_url

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}
NOT_DELIVERING = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "anymail.backends.test.EmailBackend",
    "anymail.backends.console.EmailBackend",
}
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def _is_loopback(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host in LOOPBACK_HOSTS or host.endswith(".localhost") or host.startswith("127.")


@register("production", deploy=False)
def production_configuration(app_configs=None, **kwargs) -> list[CheckMessage]:
    """With ``DEBUG`` off, an error for each development default still in place."""
    if settings.DEBUG:
        return []
    errors = []
    engine = settings.DATABASES["default"]["ENGINE"]
    allow_sqlite = getattr(settings, "ALLOW_SQLITE_IN_PRODUCTION", False)
    if engine != "django.db.backends.postgresql" and not allow_sqlite:
        errors.append(
            Error(
                f"The database is {engine.rpartition('.')[2]}, not PostgreSQL: set DATABASE_URL.",
                hint="Only a single machine may run on SQLite, and only on purpose: "
                "ALLOW_SQLITE_IN_PRODUCTION=1.",
                id="cms.E001",
            )
        )
    cache = settings.CACHES["default"]["BACKEND"]
    if cache in PER_PROCESS_CACHES:
        errors.append(
            Error(
                "The cache is per process: set REDIS_URL.",
                hint="Web and worker processes share login throttling, sign-up limits and feeds through it.",
                id="cms.E002",
            )
        )
    if settings.EMAIL_BACKEND in NOT_DELIVERING:
        errors.append(
            Error(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND} delivers no mail: set EMAIL_BACKEND "
                "(SMTP or an ESP).",
                hint="Issues would be marked sent without reaching anybody.",
                id="cms.E003",
            )
        )
    for name, address in (
        ("DEFAULT_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL),
        ("CAMPAIGNS_FROM_EMAIL", campaigns_settings.from_email()),
    ):
        if _is_loopback(parseaddr(address)[1].rpartition("@")[2]):
            errors.append(Error(f"{name} {address!r} is a local address: set {name}.", id="cms.E004"))
            break
    for name, url in (
        ("WAGTAILADMIN_BASE_URL", getattr(settings, "WAGTAILADMIN_BASE_URL", "")),
        ("PAGE_TYPES_PUBLIC_BASE_URL", public_base_url()),
    ):
        if _is_loopback(urlsplit(url).hostname or ""):
            errors.append(
                Error(
                    f"{name} {url!r} points to this machine: set {name}.",
                    hint="Links in mails, feeds and the API are built from it.",
                    id="cms.E005",
                )
            )
            break
    if os.environ.get("CAMPAIGNS_PUBLIC_BASE_URL"):
        errors.append(
            Error(
                "CAMPAIGNS_PUBLIC_BASE_URL is no longer read: set PAGE_TYPES_PUBLIC_BASE_URL.",
                hint="One public base URL serves the API, the feeds and the mails.",
                id="cms.E007",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(Error("ALLOWED_HOSTS is empty: set ALLOWED_HOSTS.", id="cms.E006"))
    return errors


def refuse_unsafe_start() -> None:
    """Raise ``ImproperlyConfigured`` listing every serious check message (for the web process, which
    Django does not check by itself)."""
    serious = [message for message in run_checks() if message.is_serious() and not message.is_silenced()]
    if serious:
        raise ImproperlyConfigured("\n".join(str(message) for message in serious))

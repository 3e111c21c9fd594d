"""Settings for the Leuchtturm host project, read from environment variables only.

Every variable is documented in README.md. The defaults give a safe development setup (SQLite and mail
written to files under ``var/``); production is whatever the environment says, and the site refuses to start
with ``DEBUG`` off unless a real ``SECRET_KEY`` is given.
"""

import secrets
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from campaigns import app_settings as campaigns_settings
from cms.csp import admin_directives, origin_of, site_directives
from cms.env import (
    app_settings_from_environment,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_mapping,
    env_origin_patterns,
    env_prefixed,
    env_str,
)
from cms.media import media_origins, media_storage
from page_types import app_settings as page_types_settings
from page_types.conf import declared_settings

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LEUCHTTURM_VAR_DIR") or BASE_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)

INSECURE_KEY_PREFIXES = ("django-insecure", "change-me", "changeme", "secret")
# A random key of 32 characters or more has far more distinct characters than this; a key with fewer (or one
# mostly made of a single character) was typed, not generated.
MIN_DISTINCT_KEY_CHARACTERS = 8


def _is_weak(key: str) -> bool:
    """Whether ``key`` is visibly not random: short, a placeholder, few distinct characters, or mostly one."""
    most_common = max((key.count(character) for character in set(key)), default=0)
    return (
        len(key) < 32
        or key.lower().startswith(INSECURE_KEY_PREFIXES)
        or len(set(key)) < MIN_DISTINCT_KEY_CHARACTERS
        or most_common > len(key) / 4
    )


def _secret_key() -> str:
    """Return the secret key, refusing to run a production site on a missing or placeholder key.

    In development (``DEBUG`` on) a random key is generated once into ``var/secret_key`` so that sessions
    and signed links survive restarts without anybody having to invent a key.
    """
    key = env_str("SECRET_KEY")
    if DEBUG and not key:
        key_file = VAR_DIR / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        return key_file.read_text().strip()
    if not DEBUG and _is_weak(key):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 32 characters when DEBUG is off "
            "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "campaigns",
    "page_types",
    "wagtail.api.v2",
    "wagtail_headless_preview",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    # Editors translate a page from its page ("Übersetzen"); cms/locales.py keeps a locale per language.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "ninja",
    "corsheaders",
    "csp",
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "cms.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # zstd, Brotli or gzip for the APIs and feeds, after every middleware that writes their bodies
    # (cms/compression.py says why HTML pages stay uncompressed).
    "cms.compression.ApiCompressionMiddleware",
    "cms.csp.AreaContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware in the admin, German everywhere else (cms/middleware.py says why).
    "cms.middleware.SiteLanguageMiddleware",
    # Every error under /api/ and on the JSON Feeds as problem details (cms/api_errors.py).
    "cms.api_errors.ProblemDetailsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'leuchtturm.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a qcluster worker writes; the busy timeout makes a writer wait
    # for the lock instead of failing at once with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# With DEBUG off the site refuses SQLite (cms/checks.py) unless a single-machine installation says so here.
ALLOW_SQLITE_IN_PRODUCTION = env_bool("ALLOW_SQLITE_IN_PRODUCTION", False)

REDIS_URL = env_str("REDIS_URL")
# Keeps installations (or test runs) that share one Redis apart: it prefixes cache keys and names the
# django-q2 cluster, whose name is the Redis broker's queue key.
REDIS_KEY_PREFIX = env_str("REDIS_KEY_PREFIX", "leuchtturm")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_KEY_PREFIX,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# Content in several languages: German is the default and has no URL prefix, every further language of
# LANGUAGES is a content language with its prefix (/en/…). Adding one is a line here plus its translations.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin's date fields in German notation, so that a typed "20.01.2027 14:00" is read, not replaced by
# the current time; cms/formats/en lets English admin users submit the same notation. Slugs are ASCII.
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
FORMAT_MODULE_PATH = ["cms.formats"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
# Documents: outside MEDIA_ROOT, which a web server may serve; only Wagtail's document view reads them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or VAR_DIR / "private-media")
STORAGES = {
    "default": media_storage(PRIVATE_MEDIA_ROOT),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False
# The feeds' XSLT stylesheet (campaigns/static/campaigns/feed.xsl): browsers apply it only when it comes with
# an XML media type, which WhiteNoise does not know for ``.xsl`` (it would send application/octet-stream).
WHITENOISE_MIMETYPES = {".xsl": "application/xml"}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Mail: Django's own variable names. The development default writes every message to a file so that the
# demo never mails a real address.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Wirtschaftsförderung Landkreis Ludwigsburg <newsletter@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The bearer token a monitoring system sends to /metrics/ (cms/metrics.py); unset, /metrics/ does not exist.
METRICS_TOKEN = env_str("METRICS_TOKEN")
# Who gets Django's error mails (a 500 with its traceback): comma-separated addresses.
ADMINS = [(address, address) for address in env_list("ADMINS")]
# An ESP through django-anymail: EMAIL_BACKEND=anymail.backends.<esp>.EmailBackend and its settings as
# ANYMAIL_* variables, e.g. ANYMAIL_POSTMARK_SERVER_TOKEN becomes ANYMAIL["POSTMARK_SERVER_TOKEN"].
ANYMAIL = env_prefixed("ANYMAIL_")

WAGTAIL_SITE_NAME = "Leuchtturm – Wirtschaft im Landkreis Ludwigsburg"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Site search and the API's ``search``: Wagtail's database backend, which is PostgreSQL's full-text search
# where the database is PostgreSQL — with the German configuration, so that "Planet" finds "Planeten" — and
# SQLite's FTS5 in development. After changing the configuration, rebuild the index (``update_index``).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "german"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# Documents are streamed through Django even from a bucket, so collection privacy holds for every download;
# their files have no public URL (cms/media.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# No editor's address hash goes to gravatar.com (privacy; also keeps the admin's CSP free of foreign origins).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
# Rich text in the content API is HTML with internal links resolved; clients may ask for another format.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# Headless preview: the external front end that shows drafts, by default and per site host name
# ("host=url" pairs). Without HEADLESS_PREVIEW_URL editors only get the site's own preview.
HEADLESS_PREVIEW_URL = env_str("HEADLESS_PREVIEW_URL")
HEADLESS_PREVIEW_SITE_URLS = env_mapping("HEADLESS_PREVIEW_SITE_URLS")
if HEADLESS_PREVIEW_SITE_URLS and not HEADLESS_PREVIEW_URL:
    raise ImproperlyConfigured("HEADLESS_PREVIEW_SITE_URLS needs HEADLESS_PREVIEW_URL for all other sites.")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL, **HEADLESS_PREVIEW_SITE_URLS}
    if HEADLESS_PREVIEW_URL
    else {},
    "ENFORCE_TRAILING_SLASH": False,
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
# Whole families of origins, e.g. every municipal site: https://*.ludwigsburg.example
CORS_ALLOWED_ORIGIN_REGEXES = env_origin_patterns("CORS_ALLOWED_ORIGIN_PATTERNS")
# Front ends revalidate responses themselves (conditional requests with the ETag or the date) and honour
# Retry-After, and learn that a path is deprecated (Deprecation, Sunset, Link to its successor); the
# browser lets their code send and read these headers.
CORS_ALLOW_HEADERS = (*cors_default_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Deprecation", "Sunset", "Link"]

# How many reverse proxies in front of the web processes append to X-Forwarded-For. Behind a proxy every
# request comes from the proxy's address, so without this the sign-up rate limit would count all visitors
# as one client.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
CAMPAIGNS_TRUSTED_PROXIES = TRUSTED_PROXIES
if TRUSTED_PROXIES > 0:
    # Trusted only behind our own proxy, which overwrites this header on every request (docs/OPERATIONS.md);
    # without one, any client could claim HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Both APIs, and the JSON Feed of every channel (the other feeds are for feed readers, not browsers' code).
CORS_URLS_REGEX = r"^/(api/.*|feeds/[^/]+/json/)$"

# django-q2: bounded retries, failures acknowledged, and a task timeout below the re-delivery interval so
# that a slow task is never handed to a second worker while the first still runs it.
Q_TIMEOUT = env_int("Q_TIMEOUT", 300)
Q_CLUSTER = {
    "name": REDIS_KEY_PREFIX,
    "workers": env_int("Q_WORKERS", 2),
    "timeout": Q_TIMEOUT,
    "retry": Q_TIMEOUT + 60,
    "max_attempts": env_int("Q_MAX_ATTEMPTS", 3),
    "ack_failures": True,
    "catch_up": False,
    "save_limit": 1000,
    "label": "Hintergrundaufgaben",
}
if env_str("Q_BROKER", "orm") == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("Q_BROKER=redis needs REDIS_URL.")
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
Q_CLUSTER["poll"] = env_float("Q_POLL", 0.5)

# The plugins' settings (CAMPAIGNS_*, PAGE_TYPES_*): each is declared with its default and meaning in the
# plugin that reads it (campaigns/app_settings.py, page_types/app_settings.py); a variable of the same name in
# the environment sets it. The Landkreis' own imprint and publisher are the host's defaults.
CAMPAIGNS_IMPRINT = "Landratsamt Ludwigsburg – Wirtschaftsförderung\nHindenburgstraße 40, 71638 Ludwigsburg"
PAGE_TYPES_PUBLISHER = "Wirtschaftsförderung des Landkreises Ludwigsburg"
PAGE_TYPES_PUBLISHER_AREA = "Landkreis Ludwigsburg"
globals().update(app_settings_from_environment(declared_settings(campaigns_settings, page_types_settings)))

# The data-protection officer whom the privacy notice names for the readers' rights (GDPR Art. 13(1)(b));
# the defaults are the Landkreis' demo values.
DATA_PROTECTION_CONTACT = {
    "name": env_str("DATA_PROTECTION_CONTACT_NAME", "Datenschutzbeauftragte/r des Landratsamts Ludwigsburg"),
    "email": env_str("DATA_PROTECTION_CONTACT_EMAIL", "datenschutz@landkreis-ludwigsburg.de"),
    "address": env_str("DATA_PROTECTION_CONTACT_ADDRESS", "Hindenburgstraße 40, 71638 Ludwigsburg"),
}

# Text for a terminal, or JSON lines for a log collector (cms/log_format.py); each line carries its level,
# logger and, in a web request, the request id.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cms.request_id.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "cms.log_format.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail's background tasks run inline by default and log every state change.
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)

# ``manage.py check --deploy``: Wagtail's preview panel shows the site in a frame of the admin, so frames of
# the site's own origin stay allowed (SAMEORIGIN, not DENY); and HSTS preloading is the district's decision
# for its whole domain — a sub-domain cannot be put on the preload list by itself.
# An operator may silence further checks by id, on purpose (cms/checks.py lists the production ones).
SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W021", *env_list("SILENCED_SYSTEM_CHECKS")]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# Content Security Policy (django-csp): strict on the site and the APIs, with inline scripts and styles
# allowed only below /admin/, where Wagtail needs them (cms/csp.py says why).
# Embeds are rendered as links (no third-party player sets cookies without consent), so no foreign frames
# are allowed unless an operator lists their origins.
CSP_FRAME_ORIGINS = env_list("CSP_FRAME_ORIGINS")
_site_csp = site_directives(media_origins=media_origins(STORAGES["default"]), frame_origins=CSP_FRAME_ORIGINS)
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _site_csp}
ADMIN_CONTENT_SECURITY_POLICY = {"URL_PREFIXES": ["/admin/"], "DIRECTIVES": admin_directives(_site_csp)}
# The headless preview shows the external front end in a frame of the admin's preview panel.
ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] += [
    origin for url in WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"].values() if (origin := origin_of(url))
]

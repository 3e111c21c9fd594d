"""Settings of a minimal Wagtail site that installs ``page_types`` and ``campaigns`` — and nothing of ``cms``.

Each line is one a host must provide (README, "Use the plugins in your own Wagtail site"); the journeys in
``journeys.py`` exercise them. Configured by two variables only: ``PLUGIN_HOST_DIR`` (its data) and
``DATABASE_URL`` (SQLite there by default).
"""

import os
from pathlib import Path

import dj_database_url

DATA = Path(os.environ["PLUGIN_HOST_DIR"])
SECRET_KEY = "plugin-host-" + "z7Qx" * 10
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost"]

INSTALLED_APPS = [
    # The two plugins and what they build on.
    "page_types",
    "campaigns",
    "wagtail.api.v2",
    "wagtail_headless_preview",
    "django_q",
    "ninja",
    "rest_framework",
    # A plain Wagtail site.
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.plugin_host.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The host's own "base.html", which the plugins' templates extend.
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL") or f"sqlite:///{DATA / 'db.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Europe/Berlin"
LANGUAGE_CODE = "de"
STATIC_URL = "/static/"
MEDIA_ROOT = DATA / "media"
MEDIA_URL = "/media/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

WAGTAIL_SITE_NAME = "Gemeinde Musterstadt"
WAGTAILADMIN_BASE_URL = "https://www.musterstadt.example"
# django-q2 for the campaigns' background work; bounded retries as the plugin's README asks.
Q_CLUSTER = {"name": "plugin-host", "orm": "default", "timeout": 60, "retry": 120, "max_attempts": 3}

# The outreach plugin's own settings (all optional; defaults in campaigns/app_settings.py).
DEFAULT_FROM_EMAIL = "Gemeinde Musterstadt <newsletter@musterstadt.example>"
CAMPAIGNS_IMPRINT = "Gemeinde Musterstadt, Rathausplatz 1, 70000 Musterstadt"

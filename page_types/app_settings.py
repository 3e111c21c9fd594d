"""Settings of the content plugin, each declared once with its default (``page_types.conf.AppSetting``).

Each is a Django setting with the ``PAGE_TYPES_`` prefix; call one to read it (``app_settings.publisher()``).
A host may fill them from the environment by the same names, as the Leuchtturm host does.
"""

from datetime import timedelta

from django.conf import settings

from page_types.conf import AppSetting


def _site_name() -> str:
    """``WAGTAIL_SITE_NAME``"""
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


def _admin_base_url() -> str:
    """``WAGTAILADMIN_BASE_URL``"""
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "")


public_base_url_setting = AppSetting(
    "PAGE_TYPES_PUBLIC_BASE_URL",
    str,
    _admin_base_url,
    "The site's public base URL (``https://host[:port]``): every absolute URL of the content API (detail, "
    "page and image URLs, redirects), the feeds and the mails, whatever host a request came in on.",
)
publisher = AppSetting(
    "PAGE_TYPES_PUBLISHER",
    str,
    _site_name,
    "The organisation that publishes the site: author and publisher of its articles, organiser of offers "
    "without a provider, and the organisation the home page describes to search engines.",
)
publisher_area = AppSetting(
    "PAGE_TYPES_PUBLISHER_AREA",
    str,
    "",
    "The area the publisher serves, e.g. the district's name (schema.org ``areaServed``); empty: none.",
)
webhook_max_attempts = AppSetting(
    "PAGE_TYPES_WEBHOOK_MAX_ATTEMPTS",
    int,
    8,
    "Attempts to deliver one webhook message before it is logged as failed.",
    minimum=1,
)
webhook_retry_delay = AppSetting(
    "PAGE_TYPES_WEBHOOK_RETRY_DELAY",
    int,
    30,
    "Seconds before the first retry of a webhook message; each further retry waits twice as long.",
    minimum=1,
    unit=timedelta(seconds=1),
)
webhook_timeout = AppSetting(
    "PAGE_TYPES_WEBHOOK_TIMEOUT",
    int,
    10,
    "Seconds a webhook receiver has to answer before the attempt counts as failed.",
    minimum=1,
    maximum=60,
)

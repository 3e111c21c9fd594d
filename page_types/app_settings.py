"""Settings of the content plugin, each declared once with its default (``page_types.conf.AppSetting``).

Each is a Django setting with the ``PAGE_TYPES_`` prefix; call one to read it (``app_settings.publisher()``).
A host may fill them from the environment by the same names, as the Leuchtturm host does.
"""

from django.conf import settings

from page_types.conf import AppSetting


def _site_name() -> str:
    """``WAGTAIL_SITE_NAME``"""
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


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

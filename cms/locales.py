"""One Wagtail locale per content language, so that adding a language to the settings is all it takes.

Wagtail creates the default language's locale in its own migrations; the others would have to be added by
hand in the admin ("Einstellungen → Gebietsschemata") before an editor could translate into them.
"""

from wagtail.coreutils import get_content_languages
from wagtail.models import Locale


def ensure_content_locales(using: str = "default", **kwargs) -> None:
    """Create the missing locales of ``WAGTAIL_CONTENT_LANGUAGES`` (a ``post_migrate`` receiver)."""
    locales = Locale.objects.using(using)
    existing = set(locales.values_list("language_code", flat=True))
    locales.bulk_create(
        Locale(language_code=code) for code in get_content_languages() if code not in existing
    )

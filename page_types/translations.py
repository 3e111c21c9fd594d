"""Which translations content has: every outlet shows a piece of content once, in the reader's language where
a live translation exists, and otherwise in the language it was written in.

A piece of content is its page in the default locale (the *original*, ``ContentPageQuerySet.originals``);
its translations share its ``translation_key`` (Wagtail i18n). Channels, feeds and newsletters select
originals and then look up their translations here, so that a translation is never counted twice and a
missing one falls back to the original, item by item.
"""

from collections.abc import Collection

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def default_language() -> str:
    """The language of the default locale, in which content is written first (the originals')."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def translation_ids(page_ids: Collection[int], language: str) -> dict[int, int]:
    """The id of the live, public translation into ``language`` of each page that has one, by page id.

    A page already in ``language`` is not looked up: it is its own version in that language.
    """
    keys = dict(
        Page.objects.filter(pk__in=page_ids)
        .exclude(locale__language_code=language)
        .values_list("translation_key", "pk")
    )
    translations = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys, locale__language_code=language)
        .values_list("translation_key", "pk")
    )
    return {keys[key]: pk for key, pk in translations}


def localized_versions(pages: Collection[Page]) -> dict[int, Page]:
    """Each page's live translation into the active language, or the page itself, by page id — in at most
    two queries for all of them (``Page.localized`` costs one or two per page)."""
    versions = {page.pk: page for page in pages}
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False) or not pages:
        return versions
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return versions
    keys = {page.translation_key: page.pk for page in pages if page.locale_id != locale.pk}
    for translation in Page.objects.live().filter(translation_key__in=keys, locale=locale):
        versions[keys[translation.translation_key]] = translation
    return versions

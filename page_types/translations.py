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
from wagtail.models import Page


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

"""Languages in the content API: ``?locale=`` chooses the language of listings and details, and every page
names its translations in ``meta.translations`` so that a front end can offer a language switch.

A listing without ``locale`` shows the pages in the default language, as before translations existed; the
site's translations live in the trees of its home page's translations, which belong to the site too.
"""

from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet
from rest_framework.fields import Field
from wagtail.api.v2.serializers import (
    PageAliasOfField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.models import Page

from page_types.api.addresses import PublicDetailUrlField, PublicHtmlUrlField, detail_url
from page_types.json_schemas import INTEGER, STRING, Schema, nullable
from page_types.public_urls import public_page_url
from page_types.translations import default_language

# Where the translations of each page of a serialisation are kept, read in one query for all of them.
TRANSLATIONS_ATTRIBUTE = "_api_translations"


def site_trees(root: Page) -> Q:
    """The pages of a site in every language: below its home page and below the home page's translations."""
    roots = root.get_translations(inclusive=True).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in roots:
        condition |= Q(path__startswith=path)
    return condition


def prefetch_translations(pages: list[Page]) -> None:
    """Keep the other live, public translations of each page on it (one query for the whole list)."""
    keys = {page.translation_key for page in pages}
    found: dict[Any, list[Page]] = defaultdict(list)
    translations = (
        Page.objects.live().public().filter(translation_key__in=keys).select_related("locale").order_by("pk")
    )
    for translation in translations:
        found[translation.translation_key].append(translation)
    for page in pages:
        setattr(page, TRANSLATIONS_ATTRIBUTE, [t for t in found[page.translation_key] if t.pk != page.pk])


def in_language(pages: QuerySet, language: str | None) -> QuerySet:
    """The pages in ``language``, or in the default one when none is asked for."""
    return pages.filter(locale__language_code=language or default_language())


class PageTranslationsField(Field):
    """``meta.translations``: the page's other live translations, each with its language and addresses."""

    json_schema: Schema = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "locale": STRING,
                "id": INTEGER,
                "detail_url": STRING,
                "html_url": nullable(STRING),
            },
            "required": ["locale", "id", "detail_url", "html_url"],
        },
    }

    def get_attribute(self, instance: Page) -> Page:
        return instance

    def to_representation(self, page: Page) -> list[dict[str, Any]]:
        if not hasattr(page, TRANSLATIONS_ATTRIBUTE):
            prefetch_translations([page])
        request = self.context["request"]
        router = self.context["router"]
        return [
            {
                "locale": translation.locale.language_code,
                "id": translation.pk,
                "detail_url": detail_url(router, Page, translation.pk),
                "html_url": public_page_url(translation, request),
            }
            for translation in getattr(page, TRANSLATIONS_ATTRIBUTE)
        ]


def page_link(page: Page, context: dict[str, Any]) -> dict[str, Any]:
    """A linked page (``meta.parent``, ``meta.alias_of``) as Wagtail shows it, its addresses on the public
    base URL."""
    serializer_class = get_serializer_class(
        type(page),
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=TranslatedPageSerializer,
    )
    return serializer_class(context=context).to_representation(page)


class PublicParentField(PageParentField):
    """``meta.parent`` with its addresses on the public base URL."""

    def to_representation(self, value: Page) -> dict[str, Any]:
        return page_link(value, self.context)


class PublicAliasOfField(PageAliasOfField):
    """``meta.alias_of`` with its addresses on the public base URL."""

    def to_representation(self, value: Page) -> dict[str, Any]:
        return page_link(value, self.context)


class TranslatedPageSerializer(PageSerializer):
    """Wagtail's page serializer with ``meta.translations``, and every address on the public base URL."""

    translations = PageTranslationsField(read_only=True)
    detail_url = PublicDetailUrlField(read_only=True)
    html_url = PublicHtmlUrlField(read_only=True)
    parent = PublicParentField(read_only=True)
    alias_of = PublicAliasOfField(read_only=True)

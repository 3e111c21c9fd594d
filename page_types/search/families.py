"""The content families a search can be narrowed to, each by a readable slug of its plural name."""

from functools import cache

from django.utils.text import slugify
from wagtail.models import get_page_models

from page_types.models import ContentPage


@cache
def families() -> dict[str, type[ContentPage]]:
    """Slug (``mint-angebote``) → page model of every concrete content family, in definition order."""
    return {
        slugify(str(model._meta.verbose_name_plural)): model
        for model in get_page_models()
        if issubclass(model, ContentPage) and model is not ContentPage
    }


def family_label(model: type[ContentPage]) -> str:
    """The family's name as a reader sees it above a result (``MINT-Angebot``)."""
    return str(model._meta.verbose_name)

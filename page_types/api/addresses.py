"""Absolute addresses in the content API, all on the public base URL (``page_types.public_urls``).

Wagtail builds ``detail_url`` and the ``find`` redirect on ``WAGTAILAPI_BASE_URL`` or the request's site,
``html_url`` on the site record, document downloads on the request and image downloads as a path; these
fields give each of them on the one configured base URL instead, whatever ``Host`` a request came in with.
"""

from typing import Any

from django.db.models import Model
from django.urls import NoReverseMatch
from rest_framework.fields import SkipField
from wagtail.api.v2.serializers import DetailUrlField, PageHtmlUrlField
from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField
from wagtail.documents.models import AbstractDocument
from wagtail.images.api.v2.serializers import ImageDownloadUrlField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from page_types.public_urls import public_page_url, public_url


def detail_url(router: Any, model: type[Model], pk: int) -> str | None:
    """The absolute URL of an object's detail in the API; ``None`` for a model without an endpoint."""
    path = router.get_object_detail_urlpath(model, pk)
    return public_url(path) if path else None


class PublicDetailUrlField(DetailUrlField):
    """``meta.detail_url`` on the public base URL."""

    def get_attribute(self, instance: Model) -> str:
        if url := detail_url(self.context["router"], type(instance), instance.pk):
            return url
        raise SkipField  # the object has no endpoint


class PublicHtmlUrlField(PageHtmlUrlField):
    """``meta.html_url`` on the public base URL."""

    def to_representation(self, page: Page) -> str | None:
        try:
            return public_page_url(page, self.context["request"])
        except NoReverseMatch:
            return None


class PublicImageDownloadUrlField(ImageDownloadUrlField):
    """``meta.download_url`` of an image (its original file) on the public base URL; Wagtail's is a path."""

    def to_representation(self, image: AbstractImage) -> str:
        return public_url(image.file.url)


class PublicDownloadUrlField(DocumentDownloadUrlField):
    """``meta.download_url`` of a document on the public base URL."""

    def to_representation(self, document: AbstractDocument) -> str:
        return public_url(document.url)

"""The endpoints of the content API: pages, images, documents and the headless preview of drafts.

They are Wagtail's API v2 endpoints with four changes. Every query parameter is validated first
(``page_types.api.parameters``) and errors are JSON naming the parameter. Only live pages outside any private
section are visible, whoever asks: responses are public and cacheable, so they must not depend on a
session. Listings fetch relations and StreamField references for all items at once, so their query count
does not grow with their length. And every response carries validators for conditional requests.
"""

import copy
import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import APIException
from rest_framework.fields import Field
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, Site
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from page_types import caching, serializers
from page_types.api.addresses import (
    PublicDetailUrlField,
    PublicDownloadUrlField,
    PublicImageDownloadUrlField,
)
from page_types.api.errors import NOT_FOUND_MESSAGE, ParameterError, error_response, fields_message
from page_types.api.parameters import (
    HOSTNAME,
    MAX_ID,
    DetailQuery,
    FindQuery,
    ObjectQuery,
    PageDetailQuery,
    PageFindQuery,
    PageQuery,
    PreviewQuery,
    QueryForm,
    page_model_for,
    singular_filters,
)
from page_types.api.translations import (
    TranslatedPageSerializer,
    in_language,
    prefetch_translations,
    site_trees,
)
from page_types.public_urls import public_url
from page_types.references import ApiReferences
from page_types.renditions import api_rendition_specs

DEFAULT_LIMIT = 20
PREVIEW_TOKEN_MAX_AGE = timedelta(days=1)
# Serializer classes kept per endpoint, model and field selection; ``fields`` comes from clients, so bounded.
SERIALIZER_CLASSES_KEPT = 256

# Wagtail's parsed ``fields`` parameter, as tuples so that it can be a cache key.
FieldsConfig = tuple[tuple[str, bool, "FieldsConfig | None"], ...]


class ContentPagination(WagtailPagination):
    """``limit`` and ``offset`` as validated by the query form (``limit`` up to ``WAGTAILAPI_LIMIT_MAX``)."""

    def paginate_queryset(self, queryset: QuerySet, request: HttpRequest, view: "ContentEndpoint") -> Any:
        data = view.query.cleaned_data
        limit = DEFAULT_LIMIT if data["limit"] is None else data["limit"]
        offset = data["offset"] or 0
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]


def restricted_collections() -> QuerySet:
    """Collections under any view restriction: their images and documents are never in the API."""
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return Collection.objects.none()
    restricted = Q()
    for collection_path in paths:
        restricted |= Q(path__startswith=collection_path)
    return Collection.objects.filter(restricted)


class ContentEndpoint(BaseAPIViewSet):
    """What every endpoint of the content API shares: JSON only, no sessions, validated parameters,
    conditional requests, and serialisation with relations fetched for all items at once."""

    renderer_classes = [JSONRenderer]
    filter_backends: list = []
    authentication_classes: list = []
    permission_classes = [AllowAny]
    pagination_class = ContentPagination
    detail_query_class: type[QueryForm] = DetailQuery
    find_query_class: type[QueryForm] = FindQuery
    # The views whose bodies are kept (see ``conditional``), so that a repeat can be served by ``dispatch``.
    kept_body_actions = frozenset({"listing_view", "detail_view"})
    # Validators of this request without the clock, as ``dispatch`` computed them.
    clockless_validators: caching.Validators | None = None

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        """Serve a body kept for this URL and content version before anything else runs.

        Most requests are repeats (many front ends asking for the same listing), and their answer is known
        after one query; Django REST framework's request wrapping, the parameter checks, the site and
        restriction lookups and the serializers are only needed for the rest. Answers that vary with the
        clock (``upcoming=true``) are kept under other validators and take the full path. Nothing that DRF
        checks first is skipped: these endpoints have no authentication, permissions or throttles.
        """
        if self.action_map.get(request.method.lower()) in self.kept_body_actions:
            self.clockless_validators = caching.validators_for(request)
            if (kept := caching.kept_response(request, self.clockless_validators)) is not None:
                self.headers = self.default_response_headers
                return self.finalize_response(request, kept, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    # -- parameters ------------------------------------------------------------------------------------
    def listing_query(self) -> ObjectQuery:
        model = self.model
        return ObjectQuery(
            self.request.GET, model=model, api_fields=self.get_available_fields(model, db_fields_only=True)
        )

    @property
    def query(self) -> QueryForm:
        """The validated query string of this request (raises ``ParameterError``)."""
        if not hasattr(self, "_query"):
            if self.action == "listing_view":
                query = self.listing_query()
            elif self.action == "find_view":
                query = self.find_query_class(self.request.GET)
            else:
                query = self.detail_query_class(self.request.GET)
            query.validate()
            self._query = query
        return self._query

    def resolve_rich_text_format(self) -> str:
        return self.query.cleaned_data["rich_text_format"]

    # -- views -----------------------------------------------------------------------------------------
    def listing_view(self, request: HttpRequest) -> HttpResponseBase:
        return self.conditional(request, self.serialize_listing)

    def detail_view(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        return self.conditional(request, self.serialize_detail)

    def find_view(self, request: HttpRequest) -> HttpResponseBase:
        """Wagtail's redirect to the object found, on the public base URL rather than Wagtail's."""
        self.query  # noqa: B018 — validates the parameters before Wagtail reads them
        if request.GET.get("id") == "":  # a filter may be empty; the id Wagtail looks up may not
            raise ParameterError("id", forms.IntegerField.default_error_messages["invalid"])
        response = super().find_view(request)
        target = urlsplit(response["Location"])
        response["Location"] = public_url(urlunsplit(("", "", target.path, target.query, "")))
        return response

    def conditional(self, request: HttpRequest, render: Callable[[], Any]) -> HttpResponseBase:
        """Answer a revalidation with 304 before any work, else the body rendered for the current content
        version (from the cache, or rendered now and kept), with its validators."""
        self.query  # noqa: B018 — a bad request is a 400 even with a matching ETag
        varies_with_time = self.varies_with_time()
        validators = (
            self.clockless_validators
            if self.clockless_validators and not varies_with_time
            else caching.validators_for(request, varies_with_time=varies_with_time)
        )
        if (not_modified := caching.conditional_response(request, validators)) is not None:
            return not_modified
        body = caching.cached_body(validators)
        if body is None:
            body = JSONRenderer().render(render())
            caching.keep_body(validators, body)
        return caching.body_response(body, validators)

    def varies_with_time(self) -> bool:
        return False

    def serialize_listing(self) -> dict:
        queryset = self.query.apply_search(self.query.filter(self.get_queryset()))
        items = list(self.paginate_queryset(queryset))
        return self.get_paginated_response(self.serialize(items, many=True)).data

    def serialize_detail(self) -> dict:
        return self.serialize([self.get_object()], many=False)

    def serialize(self, items: list, *, many: bool) -> Any:
        serializer_class = self.get_serializer_class()
        self.prefetch(items, serializer_class)
        context = self.get_serializer_context()
        context[serializers.REFERENCES_CONTEXT_KEY] = ApiReferences(
            self.request, rich_text_format=context["_wagtail_rich_text_format"], pending=items
        )
        context[serializers.OCCURRENCES_CONTEXT_KEY] = self.query.cleaned_data.get("occurrences")
        serializer = serializer_class(items if many else items[0], many=many, context=context)
        return serializer.data

    def prefetch(self, items: list, serializer_class: type) -> None:
        """Fetch the relations of the requested fields for all items at once."""
        serializers.prefetch_api_relations(items, serializer_class.Meta.model, serializer_class.Meta.fields)

    def get_serializer_class(self) -> type:
        try:
            return super().get_serializer_class()
        except ParameterError:
            raise
        except BadRequestError as error:
            raise ParameterError("fields", fields_message(error)) from None

    @classmethod
    def _get_serializer_class(
        cls, router: Any, model: type, fields_config: Any, show_details: bool = False, nested: bool = False
    ) -> type:
        """Wagtail's serializer class for a model and field selection, built once per process.

        Wagtail builds it, and the classes of all nested relations, on every request, although they depend
        on nothing but the endpoint, the model and the field selection.
        """
        return _serializer_class(cls, router, model, _frozen(fields_config), show_details, nested)

    def get_object(self) -> Any:
        if int(self.kwargs["pk"]) > MAX_ID:
            raise Http404
        return super().get_object()

    def get_renderer_context(self) -> dict:
        # Compact JSON: Wagtail indents its output for reading in a browser, which clients only pay for.
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    # -- errors ----------------------------------------------------------------------------------------
    def handle_exception(self, exc: Exception) -> HttpResponseBase:
        if isinstance(exc, ParameterError):
            response = error_response(400, str(exc), exc.parameter)
        elif isinstance(exc, BadRequestError):
            response = error_response(400, str(exc))
        elif isinstance(exc, Http404):
            response = error_response(404, NOT_FOUND_MESSAGE)
        elif isinstance(exc, APIException):  # 405, 406, 415, 429 …: Django REST framework's own, in German
            response = error_response(exc.status_code, exc.detail if isinstance(exc.detail, str) else "")
        else:
            self.raise_uncaught_exception(exc)
        caching.mark_private(response)
        return response


class PrebuiltFields:
    """Serializer fields built once per serializer class, and copied for each serializer.

    Django REST framework builds a model serializer's fields from the model whenever a serializer is made;
    the serializer classes are kept (``_serializer_class``), so their fields can be built once. A copy is
    what DRF makes of declared fields, too: fields are bound to the serializer that uses them.
    """

    def get_fields(self) -> dict[str, Field]:
        cls = type(self)
        if "prebuilt_fields" not in cls.__dict__:
            cls.prebuilt_fields = super().get_fields()
        return copy.deepcopy(cls.prebuilt_fields)


def _frozen(fields_config: Any) -> FieldsConfig:
    return tuple(
        (name, negated, None if sub is None else _frozen(sub)) for name, negated, sub in fields_config
    )


@functools.lru_cache(maxsize=SERIALIZER_CLASSES_KEPT)
def _serializer_class(
    endpoint: type[ContentEndpoint],
    router: Any,
    model: type,
    fields_config: FieldsConfig,
    show_details: bool,
    nested: bool,
) -> type:
    built = super(ContentEndpoint, endpoint)._get_serializer_class(
        router, model, fields_config, show_details=show_details, nested=nested
    )
    return type(built.__name__, (PrebuiltFields, built), {})


class PublicImageSerializer(ImageSerializer):
    """Wagtail's image serializer with ``detail_url`` and ``download_url`` on the public base URL."""

    detail_url = PublicDetailUrlField(read_only=True)
    download_url = PublicImageDownloadUrlField(read_only=True)


class PublicDocumentSerializer(DocumentSerializer):
    """Wagtail's document serializer with ``detail_url`` and ``download_url`` on the public base URL."""

    detail_url = PublicDetailUrlField(read_only=True)
    download_url = PublicDownloadUrlField(read_only=True)


class PagesEndpoint(ContentEndpoint, PagesAPIViewSet):
    """``/api/v2/pages/``: live pages outside private sections, with the content filters, in one language
    (``?locale=``, ``page_types.api.translations``)."""

    base_serializer_class = TranslatedPageSerializer
    meta_fields = [*PagesAPIViewSet.meta_fields, "last_published_at", "translations"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "translations"]
    detail_query_class = PageDetailQuery
    find_query_class = PageFindQuery

    def listing_query(self) -> PageQuery:
        page_types, model = page_model_for(singular_filters(self.request.GET))
        return PageQuery(
            self.request.GET,
            page_types=page_types,
            model=model,
            api_fields=self.get_available_fields(model, db_fields_only=True),
            pages=self.get_base_queryset(),
            root=self.site().root_page if self.site() else None,
        )

    def varies_with_time(self) -> bool:
        return bool(self.query.cleaned_data.get("upcoming"))

    def site(self) -> Site | None:
        """The site whose pages are shown: named by ``site`` (``host`` or ``host:port``) or the request's."""
        if not hasattr(self, "_site"):
            self._site = self._named_site(value) if (value := self.request.GET.get("site")) else None
            self._site = self._site or Site.find_for_request(self.request)
        return self._site

    @staticmethod
    def _named_site(value: str) -> Site:
        hostname, _colon, port = value.partition(":")
        if not HOSTNAME.fullmatch(hostname):
            raise ParameterError("site", _("Diese Website gibt es nicht."))
        if port and not (port.isascii() and port.isdigit() and int(port) < 65536):
            raise ParameterError("site", _("Der Port muss eine Zahl sein."))
        sites = list(Site.objects.filter(hostname=hostname, **({"port": int(port)} if port else {}))[:2])
        if len(sites) != 1:
            message = (
                _("Diese Website gibt es nicht.") if not sites else _("Mehrdeutig; bitte mit Port angeben.")
            )
            raise ParameterError("site", message)
        return sites[0]

    def visible_pages(self, model: type[Page] = Page) -> QuerySet:
        """Live pages of the site outside any private section — for everyone, logged in or not."""
        site = self.site()
        if site is None:
            return model.objects.none()
        if not hasattr(self, "_private_q"):  # the restrictions are read once per request
            self._private_q = Page.objects.private_q()
        if not hasattr(self, "_site_trees"):  # and the site's trees in every language
            self._site_trees = site_trees(site.root_page)
        pages = model.objects.live().exclude(self._private_q).filter(self._site_trees)
        return pages.select_related("locale")  # meta.locale of every page

    def get_base_queryset(self) -> QuerySet:
        return self.visible_pages()

    def get_root_page(self) -> Page:
        return self.site().root_page

    def get_queryset(self) -> QuerySet:
        if self.action == "listing_view":
            return in_language(self.visible_pages(self.query.model), self.query.cleaned_data["locale"])
        return self.visible_pages()

    def get_object(self) -> Page:
        """The page, or with ``locale`` its live translation into that language (404 if it has none)."""
        page = super().get_object()
        language = self.query.cleaned_data.get("locale")
        if not language or page.locale.language_code == language:
            return page
        translation = self.visible_pages().filter(translation_key=page.translation_key)
        return get_object_or_404(in_language(translation, language)).specific

    def prefetch(self, items: list, serializer_class: type) -> None:
        super().prefetch(items, serializer_class)
        if "translations" in serializer_class.Meta.fields:
            prefetch_translations(items)


class PagePreviewEndpoint(PagesEndpoint):
    """``/api/v2/page_preview/?type=…&token=…``: the draft an editor opened in the headless preview.

    The token is the signed one wagtail-headless-preview put into the front end's URL; without a valid,
    unexpired token there is nothing to see. Drafts are never stored by caches.
    """

    name = "page_preview"
    # A page that was never saved has no place in the tree yet.
    meta_fields = [field for field in PagesEndpoint.meta_fields if field != "parent"]

    detail_query_class = PreviewQuery

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("", cls.as_view({"get": "preview_view"}), name="listing")]

    def preview_view(self, request: HttpRequest) -> Response:
        self.query  # noqa: B018 — validates type and token
        response = Response(self.serialize([self.get_object()], many=False))
        caching.mark_private(response)
        return response

    def get_object(self) -> Page:
        if not hasattr(self, "_preview_page"):
            self._preview_page = self._preview_page_or_404()
        return self._preview_page

    def _preview_page_or_404(self) -> Page:
        data = self.query.cleaned_data
        app_label, _dot, model_name = self.query.page_type().partition(".")
        try:
            HeadlessPreviewMixin.get_preview_signer().unsign(data["token"], max_age=PREVIEW_TOKEN_MAX_AGE)
            content_type = ContentType.objects.get_by_natural_key(app_label, model_name.lower())
            preview = PagePreview.objects.get(content_type=content_type, token=data["token"])
        except (BadSignature, ContentType.DoesNotExist, PagePreview.DoesNotExist):
            raise Http404 from None
        page = preview.as_page()
        if not page.pk:
            page.pk = 0  # a page never saved has no id; its detail URL must still be buildable
        if not page.locale_id:
            page.locale = Locale.get_default()  # nor a locale, which meta.locale names
        return page


class ImagesEndpoint(ContentEndpoint, ImagesAPIViewSet):
    """``/api/v2/images/``: images outside private collections, with renditions, ``srcset`` sources, alt text
    and focal point."""

    base_serializer_class = PublicImageSerializer
    body_fields = [
        *ImagesAPIViewSet.body_fields,
        APIField("alt", serializer=serializers.ImageAltField()),
        APIField("focal_point", serializer=serializers.ImageFocalPointField()),
        APIField("renditions", serializer=serializers.ImageRenditionsField()),
        APIField("sources", serializer=serializers.ImageSourcesField()),
    ]
    # Tags are not used for images here, and serialising them costs a query per image.
    meta_fields = [field for field in ImagesAPIViewSet.meta_fields if field != "tags"]
    listing_default_fields = [field for field in ImagesAPIViewSet.listing_default_fields if field != "tags"]

    def get_queryset(self) -> QuerySet:
        return self.model.objects.exclude(collection__in=restricted_collections()).order_by("id")

    def prefetch(self, items: list, serializer_class: type) -> None:
        if {"renditions", "sources"} & set(serializer_class.Meta.fields):
            specs = api_rendition_specs()
            renditions = self.model.get_rendition_model().objects.filter(filter_spec__in=specs)
            prefetch_related_objects(
                items, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
            )


class DocumentsEndpoint(ContentEndpoint, DocumentsAPIViewSet):
    """``/api/v2/documents/``: documents outside private collections."""

    base_serializer_class = PublicDocumentSerializer

    meta_fields = [field for field in DocumentsAPIViewSet.meta_fields if field != "tags"]
    listing_default_fields = [
        field for field in DocumentsAPIViewSet.listing_default_fields if field != "tags"
    ]

    def get_queryset(self) -> QuerySet:
        return self.model.objects.exclude(collection__in=restricted_collections()).order_by("id")

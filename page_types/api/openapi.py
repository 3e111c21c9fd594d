"""The content API as OpenAPI 3.1, generated from the code that serves it, so that the two cannot drift.

Query parameters are the fields of the forms each endpoint validates with (``page_types.api.parameters``),
including the exact-value filters a page type's plain fields give; response bodies are the endpoints' body
and meta fields, each described by its serializer's ``json_schema``, its model field or its property's
type (``page_types.json_schemas``); errors are ``page_types.api.errors``. A host adds ``paths`` and
``components`` to its own document (``content_api(prefix)``).
"""

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.functional import cached_property
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models

from page_types.api.endpoints import DocumentsEndpoint, ImagesEndpoint, PagesEndpoint
from page_types.api.errors import ERROR_MEDIA_TYPE, ERROR_SCHEMA
from page_types.api.parameters import (
    FILTER_MODELS,
    IGNORED_PARAMETERS,
    MAX_ID,
    DetailQuery,
    FindQuery,
    ObjectQuery,
    PageDetailQuery,
    PageFindQuery,
    PageQuery,
    PageReferenceField,
    PreviewQuery,
    QueryForm,
    StrictBooleanField,
)
from page_types.api.translations import PageTranslationsField
from page_types.api.views import PUBLIC_ENDPOINTS
from page_types.api.vocabulary import ITEM_SCHEMAS, PARAMETERS, VocabularyQuery
from page_types.forms import SINGULAR, SLUG, SlugsField
from page_types.json_schemas import (
    COMPONENTS,
    INTEGER,
    STRING,
    URL,
    Schema,
    annotation_schema,
    closed,
    model_field_schema,
    nullable,
    ref,
)

JSON = "application/json"
DATE_TIME: Schema = {"type": "string", "format": "date-time"}
SLUGS_PATTERN = f"^{SLUG.pattern}(,{SLUG.pattern})*$"
NESTED_PAGE = closed(
    {
        "id": INTEGER,
        "meta": closed({"type": STRING, "detail_url": URL, "html_url": nullable(URL)}, required=["type"]),
        "title": STRING,
    },
    required=["id", "meta"],
)
# The meta fields Wagtail's endpoints add (``meta_fields``), as Wagtail renders them.
META_FIELDS: dict[str, Schema] = {
    "type": STRING,
    "detail_url": URL,
    "html_url": nullable(URL),
    "slug": STRING,
    "show_in_menus": {"type": "boolean"},
    "seo_title": STRING,
    "search_description": STRING,
    "first_published_at": nullable(DATE_TIME),
    "last_published_at": nullable(DATE_TIME),
    "alias_of": nullable(NESTED_PAGE),
    "parent": nullable(NESTED_PAGE),
    "locale": STRING,
    "translations": PageTranslationsField.json_schema,
    "tags": {"type": "array", "items": STRING},
    "download_url": {"type": "string", "format": "uri-reference"},
}
CACHE_HEADERS = {
    "ETag": {"description": "Für `If-None-Match`.", "schema": STRING},
    "Last-Modified": {"description": "Für `If-Modified-Since`.", "schema": STRING},
    "Cache-Control": {
        "description": "`public, no-cache`: speichern, vor jeder Nutzung prüfen.",
        "schema": STRING,
    },
}


def type_name(model: type[Model]) -> str:
    """The ``type`` of a model in the API (``page_types.MintOfferPage``)."""
    return f"{model._meta.app_label}.{model.__name__}"


def page_models() -> list[type[Page]]:
    """Every concrete page model, including the bases (``Page``, ``ContentPage``) that a ``type`` with several
    models gives a listing."""
    return [model for model in get_page_models() if not model._meta.abstract]


# -- parameters --------------------------------------------------------------------------------------------
def parameter_schema(field: forms.Field) -> Schema:
    """The JSON Schema of a query parameter, from the form field that parses it."""
    if isinstance(field, StrictBooleanField):
        return {"type": "boolean"}
    if isinstance(field, SlugsField):
        return {"type": "string", "pattern": SLUGS_PATTERN}
    if isinstance(field, PageReferenceField):
        ids: Schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
        return {"oneOf": [ids, {"type": "string", "const": "root"}]} if field.allow_root else ids
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [str(value) for value, _label in field.choices if value != ""]}
    if isinstance(field, forms.IntegerField):
        schema: Schema = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
        return schema
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, forms.EmailField | forms.URLField):
        schema = {"type": "string", "format": "email" if isinstance(field, forms.EmailField) else "uri"}
        return {**schema, **({"maxLength": field.max_length} if field.max_length else {})}
    if isinstance(field, forms.CharField):
        return {"type": "string", **({"maxLength": field.max_length} if field.max_length else {})}
    raise TypeError(f"No schema for the parameter field {type(field).__name__}.")


def parameter(name: str, field: forms.Field, **extensions: Any) -> Schema:
    description = str(field.help_text or field.label or "")
    if isinstance(field, SlugsField):
        extensions["x-vocabulary"] = type_name(field.model)
    return {
        "name": name,
        "in": "query",
        "required": field.required,
        "description": description,
        "schema": parameter_schema(field),
        **extensions,
    }


# What the parameters every endpoint accepts and ignores may be (``IGNORED_PARAMETERS``).
IGNORED_SCHEMAS: dict[str, Schema] = {
    "format": {"type": "string", "enum": ["json"]},
    "_": {"type": "string"},
}


def ignored_parameters() -> list[Schema]:
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": "Wird ignoriert (Formatwahl und Cache-Buster von Bibliotheken).",
            "schema": IGNORED_SCHEMAS[name],
        }
        for name in sorted(IGNORED_PARAMETERS)
    ]


def parameters(query: QueryForm) -> list[Schema]:
    return [*(parameter(name, field) for name, field in query.fields.items()), *ignored_parameters()]


def field_filter_description(name: str, models: Sequence[type[Model]]) -> str:
    labels = {str(model._meta.get_field(name).verbose_name) for model in models}
    types = ", ".join(f"`{type_name(model)}`" for model in models)
    return f"Genau dieser Wert von „{' / '.join(sorted(labels))}“; nur mit `type` = {types}."


def page_listing_parameters() -> list[Schema]:
    """The listing's parameters: those of every listing, and the exact-value filters of each page type."""
    queries = {model: page_query(model) for model in page_models()}
    common = queries[Page]
    found = [parameter(name, field, **implied_type(name)) for name, field in common.fields.items()]
    found += [
        {
            **parameter(name, common.fields[name], **implied_type(name)),
            "name": plural,
            "description": f"Wie `{name}`.",
        }
        for plural, name in SINGULAR.items()
    ]
    by_name: dict[str, list[type[Model]]] = {}
    for model, query in queries.items():
        for name in query.fields.keys() - common.fields.keys():
            by_name.setdefault(name, []).append(model)
    found += ignored_parameters()
    for name, models in sorted(by_name.items()):
        schemas = [parameter_schema(queries[model].fields[name]) for model in models]
        schema = schemas[0]
        if "enum" in schema:
            schema = {**schema, "enum": sorted({value for each in schemas for value in each["enum"]})}
        found.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": field_filter_description(name, models),
                "schema": schema,
                "x-page-types": [type_name(model) for model in models],
            }
        )
    return found


def implied_type(name: str) -> dict[str, Any]:
    """A filter that belongs to one page type implies it (``subject`` lists MINT offers)."""
    if name in FILTER_MODELS:
        return {"x-page-types": [type_name(FILTER_MODELS[name])]}
    return {}


def page_query(model: type[Page]) -> PageQuery:
    return PageQuery(
        {},
        page_types=(model,),
        model=model,
        api_fields=PagesEndpoint.get_available_fields(model, db_fields_only=True),
        pages=Page.objects.none(),
        root=None,
    )


def object_query(endpoint: type[BaseAPIViewSet], model: type[Model]) -> ObjectQuery:
    return ObjectQuery({}, model=model, api_fields=endpoint.get_available_fields(model, db_fields_only=True))


# -- bodies ------------------------------------------------------------------------------------------------
def field_schema(model: type[Model], api_field: Any) -> Schema:
    """The shape of one body field: its serializer's, its model field's or its property's."""
    if api_field.serializer is not None:
        return api_field.serializer.json_schema(model, api_field.name)
    try:
        return model_field_schema(model._meta.get_field(api_field.name))
    except FieldDoesNotExist:
        return annotation_schema(getattr(model, api_field.name).fget.__annotations__["return"])


@dataclass(frozen=True)
class ObjectShapes:
    """The response shapes of one endpoint: one component per model, named by its API type."""

    endpoint: type[BaseAPIViewSet]
    models: Sequence[type[Model]]

    def schema(self, model: type[Model]) -> Schema:
        body = {field.name: field_schema(model, field) for field in self.endpoint.get_body_fields(model)}
        meta = {field.name: META_FIELDS[field.name] for field in self.endpoint.get_meta_fields(model)}
        types = [type_name(each) for each in self.models if issubclass(each, model) and each is not Page]
        meta["type"] = {"type": "string", "enum": types} if types else STRING
        return closed({**body, "meta": closed(meta, required=["type"])}, required=["id", "meta"])

    @cached_property
    def components(self) -> dict[str, Schema]:
        return {type_name(model): self.schema(model) for model in self.models}

    def any(self) -> Schema:
        return {"anyOf": [ref(name) for name in self.components]}

    def listing(self) -> Schema:
        return closed(
            {"meta": closed({"total_count": INTEGER}), "items": {"type": "array", "items": self.any()}}
        )


# -- operations ----------------------------------------------------------------------------------------------
def json_response(description: str, schema: Schema, *, cacheable: bool = True) -> Schema:
    response: Schema = {"description": description, "content": {JSON: {"schema": schema}}}
    if cacheable:
        response["headers"] = CACHE_HEADERS
    return response


ERROR_RESPONSES = {
    "400": {"$ref": "#/components/responses/ContentBadRequest"},
    "404": {"$ref": "#/components/responses/ContentNotFound"},
}
NOT_MODIFIED = {"304": {"description": "Nicht geändert seit der Fassung mit diesem `ETag`."}}
REDIRECT = {
    "302": {
        "description": "Weiter zur Detailadresse des Objekts.",
        "headers": {"Location": {"schema": URL, "description": "Die Detailadresse."}},
    }
}


def operation(
    operation_id: str, tag: str, summary: str, params: Iterable[Schema], responses: Schema
) -> Schema:
    return {
        "get": {
            "operationId": operation_id,
            "tags": [tag],
            "summary": summary,
            "parameters": list(params),
            "responses": {**responses, **ERROR_RESPONSES},
        }
    }


def object_paths(
    prefix: str,
    name: str,
    tag: str,
    shapes: ObjectShapes,
    listing_params: list[Schema],
    detail_query: QueryForm,
) -> dict[str, Schema]:
    """Listing, detail and ``find`` of one endpoint."""
    id_parameter = {"name": "id", "in": "path", "required": True, "schema": {**INTEGER, "minimum": 1}}
    find_query = PageFindQuery({}) if name == "pages" else FindQuery({})
    return {
        f"{prefix}{name}/": operation(
            f"content_{name}_listing",
            tag,
            "Liste, gefiltert, sortiert, seitenweise",
            listing_params,
            {"200": json_response("Die Liste.", shapes.listing()), **NOT_MODIFIED},
        ),
        f"{prefix}{name}/{{id}}/": operation(
            f"content_{name}_detail",
            tag,
            "Ein Objekt mit allen Feldern",
            [id_parameter, *parameters(detail_query)],
            {"200": json_response("Das Objekt.", shapes.any()), **NOT_MODIFIED},
        ),
        f"{prefix}{name}/find/": operation(
            f"content_{name}_find",
            tag,
            "Ein Objekt suchen und zu seiner Detailadresse weiterleiten",
            parameters(find_query),
            REDIRECT,
        ),
    }


def vocabulary_paths(prefix: str) -> dict[str, Schema]:
    """The vocabulary's index and one listing per kind (``page_types.api.vocabulary``)."""
    query = VocabularyQuery({})
    paths = {
        f"{prefix}vocabulary/": operation(
            "content_vocabulary_index",
            "Vokabular",
            "Die Adressen der Vokabulare",
            [],
            {
                "200": json_response(
                    "Die Vokabulare.", closed(dict.fromkeys(ITEM_SCHEMAS, URL)), cacheable=False
                )
            },
        )
    }
    for kind, item in ITEM_SCHEMAS.items():
        listing = closed(
            {"meta": closed({"total_count": INTEGER}), "items": {"type": "array", "items": item}}
        )
        paths[f"{prefix}vocabulary/{kind}/"] = operation(
            f"content_vocabulary_{kind}",
            "Vokabular",
            "Alle Begriffe, mit Kürzel und Namen",
            [parameter(name, query.fields[name]) for name in PARAMETERS[kind]],
            {"200": json_response("Die Begriffe.", listing), **NOT_MODIFIED},
        )
    return paths


@functools.cache
def content_api(prefix: str) -> dict[str, dict[str, Schema]]:
    """``{"paths": …, "components": …}`` of the content API mounted at ``prefix`` (``/api/v2/``).

    Built once per process: it depends on the code only. Callers copy what they change.
    """
    pages = ObjectShapes(PagesEndpoint, page_models())
    image_model, document_model = get_image_model(), get_document_model()
    images = ObjectShapes(ImagesEndpoint, [image_model])
    documents = ObjectShapes(DocumentsEndpoint, [document_model])
    paths: dict[str, Schema] = {
        prefix: operation(
            "content_index",
            "Inhalte",
            "Die Adressen der Endpunkte",
            [],
            {
                "200": json_response(
                    "Die Endpunkte.",
                    closed(dict.fromkeys([*PUBLIC_ENDPOINTS, "vocabulary"], URL)),
                    cacheable=False,
                )
            },
        ),
        **object_paths(
            prefix, "pages", "Inhalte: Seiten", pages, page_listing_parameters(), PageDetailQuery({})
        ),
        f"{prefix}page_preview/": operation(
            "content_page_preview",
            "Inhalte: Seiten",
            "Der Entwurf einer Seite in der Vorschau eines externen Frontends",
            parameters(PreviewQuery({})),
            {"200": json_response("Der Entwurf.", pages.any(), cacheable=False)},
        ),
        **object_paths(
            prefix,
            "images",
            "Inhalte: Bilder",
            images,
            parameters(object_query(ImagesEndpoint, image_model)),
            DetailQuery({}),
        ),
        **vocabulary_paths(prefix),
        **object_paths(
            prefix,
            "documents",
            "Inhalte: Dokumente",
            documents,
            parameters(object_query(DocumentsEndpoint, document_model)),
            DetailQuery({}),
        ),
    }
    error = {"content": {ERROR_MEDIA_TYPE: {"schema": ref("ContentError")}}}
    components = {
        "schemas": {
            **COMPONENTS,
            **pages.components,
            **images.components,
            **documents.components,
            "ContentError": ERROR_SCHEMA,
        },
        "responses": {
            "ContentBadRequest": {"description": "Ein Parameter ist unbekannt oder ungültig.", **error},
            "ContentNotFound": {"description": "Nicht gefunden.", **error},
        },
    }
    return {"paths": paths, "components": components}

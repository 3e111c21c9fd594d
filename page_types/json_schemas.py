"""JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the shapes the content API shows.

The shared shapes (term, organisation, image, occurrence) are named components; the serializer fields in
``page_types.serializers`` say which one they produce, StreamField bodies are described from their block
definitions, and plain model fields and typed properties from their types. ``page_types.api.openapi``
puts it all together, so the description follows the code.
"""

import types
import typing
from typing import Any

from django.db import models
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from page_types.renditions import RENDITIONS

Schema = dict[str, Any]
COMPONENTS_PATH = "#/components/schemas/"


def ref(name: str) -> Schema:
    return {"$ref": COMPONENTS_PATH + name}


def nullable(schema: Schema) -> Schema:
    if set(schema) == {"type"} and isinstance(schema["type"], str):
        return {"type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def closed(properties: dict[str, Schema], required: list[str] | None = None) -> Schema:
    """An object with exactly these properties (``required``: all of them unless given)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
URL: Schema = {"type": "string", "format": "uri"}
RENDITION = closed({"url": URL, "width": INTEGER, "height": INTEGER})

COMPONENTS: dict[str, Schema] = {
    "Term": closed(
        {"id": INTEGER, "slug": STRING, "name": STRING, "parent": nullable(STRING)},
        required=["id", "slug", "name"],
    ),
    "Choice": closed({"slug": STRING, "name": STRING}),
    "Organisation": closed(
        {
            "id": INTEGER,
            "slug": STRING,
            "name": STRING,
            "kind": ref("Choice"),
            "website": STRING,
            "description": STRING,
            "municipality": nullable(ref("Term")),
        }
    ),
    "FocalPoint": closed({"x": INTEGER, "y": INTEGER, "width": INTEGER, "height": INTEGER}),
    "Renditions": closed(dict.fromkeys(RENDITIONS, RENDITION), required=[]),
    "Image": closed(
        {
            "id": INTEGER,
            "title": STRING,
            "alt": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "focal_point": nullable(ref("FocalPoint")),
            "renditions": ref("Renditions"),
            "sources": {"type": "array", "items": ref("ImageSource")},
        }
    ),
    "ImageSource": closed(
        {"type": STRING, "srcset": STRING, "candidates": {"type": "array", "items": RENDITION}}
    ),
    "Occurrence": closed(
        {
            "id": INTEGER,
            "start": {"type": "string", "format": "date-time"},
            "end": nullable({"type": "string", "format": "date-time"}),
            "place": STRING,
        }
    ),
    "PageLink": closed({"id": INTEGER, "title": STRING, "html_url": URL}),
}


def choice(values: list[str]) -> Schema:
    """A choice as ``{slug, name}`` with the allowed slugs, or ``null``."""
    return nullable(closed({"slug": {"type": "string", "enum": values}, "name": STRING}))


def block_schema(block: blocks.Block) -> Schema:
    """The API shape of a block's value, as ``page_types.references.walk`` renders it."""
    if isinstance(block, blocks.StreamBlock):
        children = [
            closed({"type": {"const": name}, "value": block_schema(child), "id": nullable(STRING)})
            for name, child in block.child_blocks.items()
        ]
        return {"type": "array", "items": {"oneOf": children}}
    if isinstance(block, blocks.ListBlock):
        return {"type": "array", "items": block_schema(block.child_block)}
    if isinstance(block, blocks.StructBlock):
        return closed({name: block_schema(child) for name, child in block.child_blocks.items()})
    if isinstance(block, ImageChooserBlock):
        return nullable(ref("Image"))
    if isinstance(block, blocks.PageChooserBlock):
        return nullable(ref("PageLink"))
    if isinstance(block, blocks.IntegerBlock):
        return nullable(INTEGER)
    if isinstance(block, blocks.BooleanBlock):
        return {"type": "boolean"}
    if isinstance(block, blocks.FieldBlock | EmbedBlock):
        return nullable(STRING)
    raise TypeError(f"No JSON Schema for {type(block).__name__}; describe it in page_types.json_schemas.")


def model_field_schema(field: models.Field) -> Schema:
    """The API shape of a plain model field as Django REST framework renders it."""
    if isinstance(field, models.BooleanField):
        schema: Schema = {"type": "boolean"}
    elif isinstance(field, models.IntegerField | models.AutoField):
        schema = INTEGER
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, models.CharField | models.TextField):
        schema = STRING
    else:
        raise TypeError(f"No JSON Schema for {type(field).__name__} {field.name}.")
    if field.choices and not field.blank and isinstance(field, models.CharField):
        schema = {**schema, "enum": [value for value, _label in field.flatchoices]}
    return nullable(schema) if field.null else schema


def annotation_schema(annotation: Any) -> Schema:
    """The JSON Schema of a property's return annotation (``str``, ``list[dict[str, str]]`` …)."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is str:
        return STRING
    if annotation is int:
        return INTEGER
    if annotation is bool:
        return {"type": "boolean"}
    if origin is list:
        return {"type": "array", "items": annotation_schema(arguments[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": annotation_schema(arguments[1])}
    if origin in (typing.Union, types.UnionType) and type(None) in arguments:
        (inner,) = [argument for argument in arguments if argument is not type(None)]
        return nullable(annotation_schema(inner))
    raise TypeError(f"No JSON Schema for the annotation {annotation!r}.")

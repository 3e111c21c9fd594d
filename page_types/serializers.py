"""How content pages look in the Wagtail API v2: serializer fields for the pages' ``api_fields``.

A front end must be able to render every page from the API alone, so each field is given in the shape a
template needs rather than as a bare id: taxonomy terms as ``{id, slug, name}``, choices as
``{slug, name}``, images with rendition URLs, alt text and focal point, rich text as HTML with resolved
links, StreamField bodies with every reference resolved (see ``page_types.references``). Each field also
says what it produces as a JSON Schema (``json_schema``), from which the API's OpenAPI document is built.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Prefetch, prefetch_related_objects
from rest_framework.fields import DateTimeField, Field
from wagtail.api.conf import get_model_field
from wagtail.api.rich_text import APIRichText
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from page_types.json_schemas import STRING, Schema, block_schema, choice, closed, nullable, ref
from page_types.references import (
    ApiReferences,
    image_focal_point,
    image_renditions,
    image_representation,
    image_sources,
)
from page_types.renditions import api_rendition_specs
from page_types.taxonomy import Interest, Organisation, TaxonomyTerm, Topic, shown_interests

REFERENCES_CONTEXT_KEY = "page_types_api_references"
# Which dates ``OccurrencesField`` shows: ``UPCOMING`` for those not yet over, else all.
OCCURRENCES_CONTEXT_KEY = "page_types_occurrences"
UPCOMING = "upcoming"


def term_representation(term: TaxonomyTerm) -> dict[str, Any]:
    """A vocabulary term; topics also name their parent, so a front end can group sub-topics."""
    data = {"id": term.pk, "slug": term.slug, "name": term.name}
    if isinstance(term, Topic):
        data["parent"] = term.parent.slug if term.parent_id else None
    return data


def references(context: dict) -> ApiReferences:
    """The references resolver of a serialisation, created on first use if the view did not give one."""
    if REFERENCES_CONTEXT_KEY not in context:
        context[REFERENCES_CONTEXT_KEY] = ApiReferences(
            context["request"],
            rich_text_format=context.get("_wagtail_rich_text_format") or APIRichText.get_default_format(),
        )
    return context[REFERENCES_CONTEXT_KEY]


class TermField(Field):
    """A foreign key to a vocabulary term."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, term: TaxonomyTerm) -> dict[str, Any]:
        return term_representation(term)

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return nullable(ref("Term"))


class TermsField(TermField):
    """A many-to-many relation to vocabulary terms, in their editorial order."""

    def to_representation(self, manager) -> list[dict[str, Any]]:
        return [term_representation(term) for term in manager.all()]

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return {"type": "array", "items": ref("Term")}


class InterestsField(TermField):
    """What readers are shown a page is about: the interests its topics belong to (``Interest.by_topic``,
    read once per response), as ``[{id, slug, name}]`` in the interests' order."""

    relation = "topics"
    CONTEXT_KEY = "page_types_interests_by_topic"

    def __init__(self, **kwargs) -> None:
        super().__init__(source="topics", **kwargs)

    def to_representation(self, topics) -> list[dict[str, Any]]:
        if self.CONTEXT_KEY not in self.context:
            self.context[self.CONTEXT_KEY] = Interest.objects.by_topic()
        return [
            term_representation(interest)
            for interest in shown_interests(topics.all(), self.context[self.CONTEXT_KEY])
        ]

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return {"type": "array", "items": ref("Term")}


class OrganisationField(TermField):
    """An organisation (provider, company, school) with what a front end shows about it."""

    def to_representation(self, organisation: Organisation) -> dict[str, Any]:
        municipality = organisation.municipality
        return {
            **term_representation(organisation),
            "kind": {"slug": organisation.kind, "name": organisation.get_kind_display()},
            "website": organisation.website,
            "description": organisation.description,
            "municipality": term_representation(municipality) if municipality else None,
        }

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return nullable(ref("Organisation"))


class ChoiceField(Field):
    """A choice as ``{slug, name}``: the stored value that filters take, and its German label."""

    def __init__(self, choices: Sequence[tuple[str, Any]], **kwargs) -> None:
        self.labels = dict(choices)
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: str) -> dict[str, Any] | None:
        if not value:
            return None
        return {"slug": value, "name": str(self.labels.get(value, value))}

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return choice(list(self.labels))


class ImageField(Field):
    """An image foreign key, with the alt text that the page stores beside it."""

    def __init__(self, *, alt_source: str, **kwargs) -> None:
        self.alt_source = alt_source
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance: Model) -> tuple[AbstractImage, str] | None:
        image = getattr(instance, self.source)
        return (image, getattr(instance, self.alt_source)) if image else None

    def to_representation(self, value: tuple[AbstractImage, str]) -> dict[str, Any]:
        image, alt = value
        return image_representation(image, alt)

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return nullable(ref("Image"))


class ImageAltField(Field):
    """The image's own alt text (its description, else its title), for the images endpoint."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, image: AbstractImage) -> str:
        return image.default_alt_text

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return STRING


class ImageRenditionsField(Field):
    """The renditions of an image in the named sizes (for the images endpoint)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, image: AbstractImage) -> dict[str, Any]:
        return image_renditions(image)

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return ref("Renditions")


class ImageSourcesField(Field):
    """The image for ``<picture>`` and ``srcset``, per format and width (for the images endpoint)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, image: AbstractImage) -> list[dict[str, Any]]:
        return image_sources(image)

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return {"type": "array", "items": ref("ImageSource")}


class ImageFocalPointField(Field):
    """The focal point of an image, or ``None`` (for the images endpoint)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, image: AbstractImage) -> dict[str, int] | None:
        return image_focal_point(image)

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return nullable(ref("FocalPoint"))


class OccurrencesField(Field):
    """The dates of a MINT offer, in order, with start and end as ISO 8601 in the site's time zone: all of
    them, or only those not yet over when the request asks for ``occurrences=upcoming``."""

    def __init__(self, **kwargs) -> None:
        self.datetime = DateTimeField()
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, offer) -> list[dict[str, Any]]:
        upcoming = self.context.get(OCCURRENCES_CONTEXT_KEY) == UPCOMING
        dates = offer.upcoming_occurrences() if upcoming else offer.occurrences.all()
        return [self.occurrence(occurrence) for occurrence in dates]

    def occurrence(self, occurrence) -> dict[str, Any]:
        return {
            "id": occurrence.pk,
            "start": self.datetime.to_representation(occurrence.start),
            "end": self.datetime.to_representation(occurrence.end) if occurrence.end else None,
            "place": occurrence.place,
        }

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return {"type": "array", "items": ref("Occurrence")}


class NextOccurrenceField(OccurrencesField):
    """The first date of a MINT offer not yet over — ahead, or under way — or ``null`` without one."""

    relation = "occurrences"

    def to_representation(self, offer) -> dict[str, Any] | None:
        upcoming = offer.upcoming_occurrences()
        return self.occurrence(upcoming[0]) if upcoming else None

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return nullable(ref("Occurrence"))


class CoordinatesField(Field):
    """Where a place lies, and whether the coordinates are its address's or its municipality's centre."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, coordinates) -> dict[str, Any]:
        return {
            "latitude": coordinates.latitude,
            "longitude": coordinates.longitude,
            "source": coordinates.source,
        }

    def json_schema(self, model: type[Model], name: str) -> Schema:
        number = {"type": "number"}
        source = {"type": "string", "enum": ["address", "municipality"]}
        return nullable(closed({"latitude": number, "longitude": number, "source": source}))


class StreamBlocksField(Field):
    """A StreamField body with images, page links and rich text resolved."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> list[dict[str, Any]]:
        return references(self.context).stream(value)

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return block_schema(model._meta.get_field(name).stream_block)


class RichTextHTMLField(Field):
    """A rich text field as HTML with absolute links (or in the format the request asks for)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: str) -> str:
        return references(self.context).rich_text(value)

    def json_schema(self, model: type[Model], name: str) -> Schema:
        return STRING


def relation_shown(model: type[Model], name: str) -> str:
    """The model field an API field shows: its own name, or the relation its serializer names (``relation``:
    ``next_occurrence`` is one of the ``occurrences``)."""
    for api_field in getattr(model, "api_fields", ()):
        if getattr(api_field, "name", api_field) == name:
            return getattr(getattr(api_field, "serializer", None), "relation", name)
    return name


def prefetch_api_relations(objects: list[Model], model: type[Model], field_names: Iterable[str]) -> None:
    """Fetch the relations the given API fields show, for all objects at once.

    Images come with the renditions the API shows, topics with their parent and organisations with
    their municipality, so serialising the objects afterwards costs no further queries.
    """
    lookups: list[str | Prefetch] = []
    for name in dict.fromkeys(relation_shown(model, name) for name in field_names):
        try:
            field = get_model_field(model, name)
        except FieldDoesNotExist:
            continue
        if not field.is_relation:
            continue
        related = field.related_model
        if issubclass(related, AbstractImage):
            images = get_image_model().objects.prefetch_renditions(*api_rendition_specs())
            lookups.append(Prefetch(name, queryset=images))
        elif issubclass(related, Topic):
            lookups.append(Prefetch(name, queryset=Topic.objects.select_related("parent")))
        elif issubclass(related, Organisation):
            lookups.append(Prefetch(name, queryset=Organisation.objects.select_related("municipality")))
        else:
            lookups.append(name)
    if objects and lookups:
        prefetch_related_objects(objects, *lookups)

"""Query parameters of the content API, validated before anything reaches the database.

Django form fields parse the values (with German messages); an unknown name or an invalid value becomes a
``ParameterError`` naming the parameter. The page filters are those of the index pages, feeds and
channels (``ContentPageQuerySet.matching``): a topic includes its sub-topics, a municipality includes pages
for the whole district, and "upcoming" means an occurrence or registration deadline still ahead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.api.rich_text import APIRichText, RichTextFormatError
from wagtail.api.v2.utils import page_models_from_string, parse_fields_parameter
from wagtail.coreutils import get_content_languages
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from page_types.api.errors import ParameterError, fields_message, nested_fields_message
from page_types.eras import Era
from page_types.forms import TERM_KINDS, SlugsField, doubled_filter, singular_filters
from page_types.models import (
    ContactPointPage,
    ContentPage,
    GradeBand,
    InnovationMilestonePage,
    Interest,
    Language,
    MintOfferPage,
    MintSubject,
    Municipality,
    Topic,
)
from page_types.models.querysets import next_occurrence_order
from page_types.serializers import UPCOMING

# Accepted and ignored: Django REST framework's renderer switch and jQuery's cache-buster.
IGNORED_PARAMETERS = frozenset({"format", "_"})
MAX_ID = 2**63 - 1
MAX_OFFSET = 2**31 - 1
MAX_SEARCH_LENGTH = 200
HOSTNAME = re.compile(r"[-a-zA-Z0-9.]{1,255}")
SEARCH_ORDER_MESSAGE = _("Bei einer Suche lässt sich nicht nach „%(field)s“ sortieren.")
# Sort keys that are no model field, and the page model they belong to (``PageQuery.ordered``).
COMPUTED_ORDERS: dict[str, type[Page]] = {"next_occurrence": MintOfferPage}
# Model fields that make sense as exact-value filters (``?kind=workshop``) and as sort keys; text, JSON and
# relations do not, and date-times only as sort keys.
SCALAR_FIELDS = (models.CharField, models.IntegerField, models.BooleanField, models.DateField)


class StrictBooleanField(forms.Field):
    """``true``/``false`` (or ``1``/``0``) and nothing else: a typo must not silently mean "true"."""

    default_error_messages = {"invalid": _("Erlaubt sind „true“ und „false“.")}
    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value: str | None) -> bool | None:
        if value in self.empty_values:
            return None
        try:
            return self.VALUES[value.lower()]
        except KeyError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class PageTypesField(forms.Field):
    """``app_label.ModelName`` of one or more page models, comma-separated."""

    default_error_messages = {"invalid": _("Unbekannter Seitentyp: %(value)s.")}

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: str | None) -> tuple[type[Page], ...]:
        if value in self.empty_values:
            return ()
        try:
            return page_models_from_string(value)
        except (LookupError, ValueError):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None


class PageReferenceField(forms.Field):
    """A page by id (or ``root`` for the site's home page) among the pages the API shows."""

    default_error_messages = {
        "invalid": _("Erwartet wird eine Seiten-ID."),
        "missing": _("Diese Seite gibt es nicht oder sie ist nicht öffentlich."),
    }

    def __init__(self, *, allow_root: bool = False, **kwargs) -> None:
        self.allow_root = allow_root
        self.pages: QuerySet | None = None
        self.root: Page | None = None
        super().__init__(required=False, **kwargs)

    def to_python(self, value: str | None) -> Page | None:
        if value in self.empty_values:
            return None
        if self.allow_root and value == "root":
            return self.root
        if not (value.isascii() and value.isdigit()) or int(value) > MAX_ID:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        page = self.pages.filter(pk=int(value)).first()
        if page is None:
            raise ValidationError(self.error_messages["missing"], code="missing")
        return page


class FieldsParameterField(forms.CharField):
    """Wagtail's ``fields`` syntax (``*``, ``-body``, ``_,id``) without its nested selection
    (``provider(name)``), which is refused for every field alike (``NESTED_FIELDS_MESSAGE``); names are
    checked by the endpoint."""

    def to_python(self, value: str | None) -> str:
        value = super().to_python(value)
        if value:
            try:
                config = parse_fields_parameter(value)
            except ValueError as error:
                raise ValidationError(fields_message(error), code="invalid") from None
            if nested := next((name for name, _negated, sub_fields in config if sub_fields), None):
                raise ValidationError(nested_fields_message(nested), code="nested")
        return value


def _model_field_filter(field: models.Field) -> forms.Field:
    """The form field that parses a filter value for a model field."""
    if isinstance(field, models.BooleanField):
        return StrictBooleanField(required=False)
    if isinstance(field, models.AutoField):
        return forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    # A link filter without a scheme means the secure one, as it will in Django 6.
    options = {"assume_scheme": "https"} if isinstance(field, models.URLField) else {}
    form_field = field.formfield(required=False, **options)
    form_field.required = False
    return form_field


def scalar_fields(
    model: type[models.Model], names: Iterable[str], *, with_datetimes: bool
) -> dict[str, models.Field]:
    """The model fields among ``names`` that hold one plain value (see ``SCALAR_FIELDS``)."""
    found = {}
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # an API field that is a property
            continue
        if (
            field.concrete
            and not field.is_relation
            and isinstance(field, SCALAR_FIELDS)
            and (with_datetimes or not isinstance(field, models.DateTimeField))
        ):
            found[name] = field
    return found


class QueryForm(forms.Form):
    """A query string as a form: every parameter must be a field of it (or ignored) and valid."""

    def validate(self) -> dict[str, Any]:
        """The cleaned values, or a ``ParameterError`` for the first unknown or invalid parameter."""
        if unknown := sorted(set(self.data) - set(self.fields) - IGNORED_PARAMETERS):
            raise ParameterError(
                unknown[0], _("Unbekannter Parameter: %(names)s.") % {"names": ", ".join(unknown)}
            )
        if not self.is_valid():
            name, errors = next(iter(self.errors.items()))
            raise ParameterError(name, " ".join(errors))
        return self.cleaned_data


class DetailQuery(QueryForm):
    """Parameters of a single object: which fields, and in which format rich text comes."""

    fields = FieldsParameterField(
        required=False,
        help_text="Welche Felder: `*` alle, `teaser,topics` genau diese, `*,-body` alle außer `body`, "
        "`_,id,title` nur diese ohne `meta`. Felder mit Objekten (Bilder, Begriffe, Organisationen, Termine) "
        "kommen immer ganz; eine Auswahl von Unterfeldern (`provider(name)`) ist ein Fehler (400).",
    )
    rich_text_format = forms.CharField(
        required=False,
        help_text="Format von Rich Text: `html` (Vorgabe), `db_html`, `markdown`, `db_markdown`.",
    )

    def clean_rich_text_format(self) -> str:
        value = self.cleaned_data.get("rich_text_format") or None
        try:
            return APIRichText.resolve_format(value)
        except RichTextFormatError as error:
            raise ValidationError(str(error)) from None


class FindQuery(DetailQuery):
    """Parameters of the ``find`` view, which redirects to an object's detail URL."""

    id = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text="Die ID des Objekts.")


class SiteQuery(forms.Form):
    """Pages are those of the site the request is for, or of the site named by host name, in one language."""

    site = forms.CharField(
        required=False,
        help_text="Seiten einer anderen Website dieser Installation: Hostname oder `host:port`.",
    )
    locale = forms.ChoiceField(
        required=False,
        choices=lambda: list(get_content_languages().items()),
        help_text="Sprache (`de`, `en` …): Listen zeigen die Seiten in dieser Sprache (ohne: in der "
        "Standardsprache), eine einzelne Seite kommt in ihrer Übersetzung in diese Sprache.",
    )


class OccurrenceQuery(forms.Form):
    """Which dates of a MINT offer its ``occurrences`` field shows."""

    occurrences = forms.ChoiceField(
        required=False,
        choices=[("all", "all"), (UPCOMING, UPCOMING)],
        help_text="Welche Termine das Feld `occurrences` zeigt: `all` alle (Vorgabe), `upcoming` nur die "
        "noch nicht vorbei sind (kommende und laufende).",
    )


class PageDetailQuery(SiteQuery, OccurrenceQuery, DetailQuery):
    pass


class PageFindQuery(SiteQuery, FindQuery):
    html_path = forms.CharField(
        required=False, help_text="Der Pfad der Seite auf der Website, z. B. `/mint/`."
    )


class PreviewQuery(DetailQuery):
    """Parameters of the headless preview: the page type and the signed token from the preview link.

    The type is named as in ``meta.type`` (``type``); the lower-case ``content_type`` of earlier preview
    links is still read.
    """

    type = forms.CharField(
        required=False,
        max_length=100,
        help_text="Der Seitentyp aus dem Vorschau-Link, wie in `meta.type` (`page_types.MintOfferPage`).",
    )
    content_type = forms.CharField(
        required=False,
        max_length=100,
        help_text="Veraltet (bis 2027-06): der Seitentyp in Kleinbuchstaben (`page_types.mintofferpage`); "
        "stattdessen `type`.",
    )
    token = forms.CharField(
        max_length=255, help_text="Das signierte Token aus dem Vorschau-Link (1 Tag gültig)."
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("type") or cleaned.get("content_type") or self.has_error("type")):
            self.add_error("type", self.fields["type"].error_messages["required"])
        return cleaned

    def page_type(self) -> str:
        """The page type the link names, in either parameter."""
        return self.cleaned_data["type"] or self.cleaned_data["content_type"]


class ObjectQuery(DetailQuery):
    """Parameters of every listing: paging, ordering, search and exact field filters (``?kind=workshop``)."""

    limit = forms.IntegerField(
        required=False,
        min_value=0,
        # Wagtail's own default when the host sets no limit.
        max_value=getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20),
        help_text="Höchstzahl der Einträge (Vorgabe 20).",
    )
    offset = forms.IntegerField(
        required=False, min_value=0, max_value=MAX_OFFSET, help_text="Einträge, die übersprungen werden."
    )
    order = forms.CharField(
        required=False,
        help_text="Sortierung: Feldnamen, kommagetrennt, `-` für absteigend (z. B. `-publish_date,title`); "
        "MINT-Angebote auch nach `next_occurrence` (der Beginn ihres nächsten Termins, der noch nicht vorbei "
        "ist; Angebote ohne solchen Termin zuletzt).",
    )
    search = forms.CharField(
        required=False, max_length=MAX_SEARCH_LENGTH, help_text="Volltextsuche; ohne `order` nach Relevanz."
    )
    search_operator = forms.ChoiceField(
        required=False,
        choices=[("and", "and"), ("or", "or")],
        help_text="Ob alle (`and`) oder eines (`or`) der Suchwörter vorkommen müssen.",
    )

    def __init__(self, data: Any, *, model: type[models.Model], api_fields: Sequence[str]) -> None:
        super().__init__(data)
        self.model = model
        self.api_fields = list(api_fields)
        self.field_filters = scalar_fields(model, self.api_fields, with_datetimes=False)
        for name, field in self.field_filters.items():
            self.fields.setdefault(name, _model_field_filter(field))

    def clean_order(self) -> list[str]:
        value = self.cleaned_data.get("order") or ""
        computed = {name for name, model in COMPUTED_ORDERS.items() if issubclass(self.model, model)}
        sortable = {*scalar_fields(self.model, ["id", *self.api_fields], with_datetimes=True), *computed}
        ordering = [key.strip() for key in value.split(",") if key.strip()]
        for key in ordering:
            if key.removeprefix("-") not in sortable:
                allowed = ", ".join(sorted(sortable))
                raise ValidationError(
                    _("Sortieren nach „%(key)s“ geht nicht; möglich: %(allowed)s.")
                    % {"key": key, "allowed": allowed}
                )
            if key.removeprefix("-") in computed and self.data.get("search"):
                raise ValidationError(SEARCH_ORDER_MESSAGE % {"field": key.removeprefix("-")})
        return ordering

    def default_ordering(self) -> Sequence[str]:
        return ("id",)

    def ordering(self) -> list[str]:
        """The requested order (or the model's), with ``id`` last so that paging is stable."""
        ordering = list(self.cleaned_data["order"] or self.default_ordering())
        if not {"id", "-id"} & set(ordering):
            ordering.append("id")
        return ordering

    def filter(self, queryset: QuerySet) -> QuerySet:
        """Apply the field filters and the ordering."""
        for name in self.field_filters:
            value = self.cleaned_data.get(name)
            if value is not None and value != "":
                queryset = queryset.filter(**{name: value})
        return self.ordered(queryset)

    def ordered(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by(*self.ordering())

    def apply_search(self, queryset: QuerySet):
        """Full-text search within ``queryset`` (last: search results cannot be filtered further)."""
        query = self.cleaned_data.get("search")
        if not query:
            return queryset
        # The search backend understands plain field lookups only, not the subqueries of the filters.
        within = self.model._default_manager.filter(pk__in=queryset.values("pk")).order_by(*self.ordering())
        try:
            return get_search_backend().search(
                query,
                within,
                operator=self.cleaned_data.get("search_operator") or None,
                order_by_relevance=not self.cleaned_data["order"],
            )
        except OrderByFieldError as error:
            raise ParameterError("order", SEARCH_ORDER_MESSAGE % {"field": error.field_name}) from None
        except FilterFieldError as error:
            raise ParameterError(
                "search",
                _("Die Suche lässt sich nicht mit „%(field)s“ kombinieren.") % {"field": error.field_name},
            ) from None


# Which page model a page filter needs: filtering by subject implies MINT offers, and so on.
FILTER_MODELS: dict[str, type[Page]] = {
    "topic": ContentPage,
    "interest": ContentPage,
    "municipality": ContentPage,
    "published_after": ContentPage,
    "published_before": ContentPage,
    "subject": MintOfferPage,
    "grade_band": MintOfferPage,
    "upcoming": MintOfferPage,
    "era": InnovationMilestonePage,
    "language": ContactPointPage,
}


def common_model(page_models: Sequence[type[Page]]) -> type[Page]:
    """The most specific model all ``page_models`` derive from (``ContentPage`` for two content families)."""
    return next(
        base
        for base in page_models[0].__mro__
        if isinstance(base, type) and issubclass(base, Page) and all(issubclass(m, base) for m in page_models)
    )


def page_model_for(data: Any) -> tuple[tuple[type[Page], ...], type[Page]]:
    """The requested page types and the model a listing has: the common model of ``type``, or else the
    model the given filters imply (``subject`` → MINT offers), or ``Page``.

    Raises ``ParameterError`` for an unknown type or a filter that does not apply to the requested types.
    """
    try:
        page_types = PageTypesField().clean(data.get("type"))
    except ValidationError as error:
        raise ParameterError("type", " ".join(error.messages)) from None
    implied = [(name, FILTER_MODELS[name]) for name in FILTER_MODELS if data.get(name)]
    model = common_model(page_types) if page_types else Page
    for name, needed in implied:
        if issubclass(model, needed):
            continue
        if not page_types and issubclass(needed, model):
            model = needed
            continue
        raise ParameterError(
            name,
            _("„%(name)s“ gilt nur für Seiten vom Typ %(type)s.")
            % {"name": name, "type": needed._meta.label},
        )
    return page_types, model


class PageQuery(SiteQuery, OccurrenceQuery, ObjectQuery):
    """Parameters of the pages listing: the page tree, the content filters and the ``type``."""

    type = forms.CharField(
        required=False,
        help_text="Seitentypen `app.Modell`, kommagetrennt; "
        "mehrere Typen haben die Felder ihrer gemeinsamen Basis.",
    )
    child_of = PageReferenceField(allow_root=True, help_text="Kinder dieser Seite (`root`: die Startseite).")
    descendant_of = PageReferenceField(
        allow_root=True, help_text="Alle Seiten unterhalb dieser Seite (`root`: die Startseite)."
    )
    ancestor_of = PageReferenceField(help_text="Die Seiten oberhalb dieser Seite.")
    topic = SlugsField(Topic, help_text="Mit einem dieser Themen oder einem ihrer Unterthemen.")
    interest = SlugsField(
        Interest, help_text="Zu einem dieser Leserinteressen (über die Themen, die es zusammenfasst)."
    )
    municipality = SlugsField(
        Municipality, help_text="Für eine dieser Kommunen oder für den ganzen Landkreis (ohne Kommune)."
    )
    subject = SlugsField(MintSubject, help_text="MINT-Angebote für eines dieser Fächer.")
    grade_band = SlugsField(GradeBand, help_text="MINT-Angebote für eine dieser Zielgruppen.")
    language = SlugsField(Language, help_text="Anlaufstellen, die eine dieser Sprachen sprechen (ISO 639-1).")
    era = forms.ChoiceField(required=False, choices=Era.choices, help_text="Meilensteine dieser Epoche.")
    upcoming = StrictBooleanField(
        required=False,
        help_text="`true`: MINT-Angebote mit einem Termin oder Anmeldeschluss in der Zukunft und laufende.",
    )
    published_after = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], help_text="Veröffentlicht nach diesem Tag (`JJJJ-MM-TT`)."
    )
    published_before = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], help_text="Veröffentlicht vor diesem Tag (`JJJJ-MM-TT`)."
    )

    def __init__(
        self,
        data: Any,
        *,
        page_types: Sequence[type[Page]],
        model: type[Page],
        api_fields: Sequence[str],
        pages: QuerySet,
        root: Page,
    ) -> None:
        self.doubled = doubled_filter(data)
        super().__init__(singular_filters(data), model=model, api_fields=api_fields)
        self.page_types = tuple(page_types)
        for name in ("child_of", "descendant_of", "ancestor_of"):
            self.fields[name].pages = pages
            self.fields[name].root = root

    def validate(self) -> dict[str, Any]:
        if self.doubled:
            raise ParameterError(self.doubled.params["plural"], " ".join(self.doubled.messages))
        return super().validate()

    def default_ordering(self) -> Sequence[str]:
        return getattr(self.model, "api_ordering", ("path",))

    def filter(self, queryset: QuerySet) -> QuerySet:
        data = self.cleaned_data
        if len(self.page_types) > 1:
            queryset = queryset.type(*self.page_types)
        for name in ("child_of", "descendant_of", "ancestor_of"):
            if data[name] is not None:
                queryset = getattr(queryset, name)(data[name])
        terms = {plural: data[name] for name, plural in TERM_KINDS.items() if data[name]}
        if terms:
            queryset = queryset.matching(**terms)
        if data["upcoming"]:
            queryset = queryset.upcoming()
        if data["era"]:
            first, last = Era.bounds(data["era"])
            queryset = queryset.filter(year__gte=first, year__lte=last)
        if data["published_after"]:
            queryset = queryset.filter(publish_date__gt=data["published_after"])
        if data["published_before"]:
            queryset = queryset.filter(publish_date__lt=data["published_before"])
        return super().filter(queryset)

    def ordered(self, queryset: QuerySet) -> QuerySet:
        """In the requested order; by ``next_occurrence`` as the site's MINT listing orders, offers without a
        date ahead last in either direction."""
        ordering = self.ordering()
        if not any(key.removeprefix("-") == "next_occurrence" for key in ordering):
            return super().ordered(queryset)
        return queryset.with_next_occurrence().order_by(
            *(
                next_occurrence_order(descending=key.startswith("-"))
                if key.removeprefix("-") == "next_occurrence"
                else key
                for key in ordering
            )
        )

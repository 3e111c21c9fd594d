"""Filter forms of the index pages, and the term filter rules the content API and the feeds share.

Values arrive from the query string and are validated before they reach the database: an unknown slug is
a form error (shown to the reader with a 400), never an exception. The index pages choose one term per filter
from a list; the API and the feeds take several comma-separated slugs (``SlugsField``) under the filter's
name or the plural name of the field it filters (``singular_filters``).
"""

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from page_types.eras import Era
from page_types.taxonomy import GradeBand, Interest, Language, MintSubject, Municipality, Topic

# The query parameter of the result page number.
PAGE_PARAMETER = "seite"

# The radii a reader may choose for "in der Nähe", in kilometres between the municipalities' centres.
NEARBY_RADII_KM = (5, 10, 15, 25)

# The filters' parameter names and the kinds of term ``ContentPageQuerySet.matching`` takes.
TERM_KINDS = {
    "topic": "topics",
    "interest": "interests",
    "municipality": "municipalities",
    "subject": "subjects",
    "grade_band": "grade_bands",
    "language": "languages",
}


# The plural names of the term filters (as the fields they filter are named), by plural.
SINGULAR = {plural: name for name, plural in TERM_KINDS.items()}

MAX_SLUGS = 50
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


class TermSelect(forms.Select):
    """A list of a vocabulary's terms by slug, read when the widget is shown: a form that is only validated
    (a feed request) reads none."""

    def __init__(self, model: type[models.Model], empty_label: str) -> None:
        super().__init__()
        self.model = model
        self.empty_label = empty_label

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        self.choices = [
            ("", self.empty_label),
            *((term.slug, str(term)) for term in self.model.objects.all()),
        ]
        return super().get_context(name, value, attrs)


class SlugsField(forms.Field):
    """One or more vocabulary terms by slug, comma-separated; a page matches any of them."""

    default_error_messages = {
        "unknown": _("Unbekannt: %(slugs)s."),
        "too_many": _("Höchstens %(max)s Werte."),
    }

    def __init__(self, model: type[models.Model], **kwargs) -> None:
        self.model = model
        super().__init__(required=False, **kwargs)

    def to_python(self, value: str | None) -> list[models.Model]:
        if value in self.empty_values:
            return []
        ProhibitNullCharactersValidator()(value)
        slugs = list(dict.fromkeys(slug.strip() for slug in value.split(",") if slug.strip()))
        if malformed := sorted(slug for slug in slugs if not SLUG.fullmatch(slug)):
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"slugs": ", ".join(malformed)}
            )
        if len(slugs) > MAX_SLUGS:
            raise ValidationError(self.error_messages["too_many"], code="too_many", params={"max": MAX_SLUGS})
        terms = list(self.model.objects.filter(slug__in=slugs))
        if unknown := sorted(set(slugs) - {term.slug for term in terms}):
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"slugs": ", ".join(unknown)}
            )
        return terms

    def prepare_value(self, value: Any) -> Any:
        """Terms as the comma-separated slugs they were given as (for links that repeat a selection)."""
        if isinstance(value, list):
            return ",".join(term.slug for term in value)
        return value


def singular_filters(data: QueryDict, names: Iterable[str] = TERM_KINDS) -> QueryDict:
    """The query with the plural names of the term filters ``names`` (``topics``, ``grade_bands`` …, as the
    fields are named) under their singular names; when both are given, the plural stays (``doubled_filter``
    refuses it)."""
    renamed = {TERM_KINDS[name]: name for name in names}
    if not any(plural in data and name not in data for plural, name in renamed.items()):
        return data
    data = data.copy()
    for plural, name in renamed.items():
        if plural in data and name not in data:
            data.setlist(name, data.pop(plural))
    return data


def doubled_filter(data: QueryDict, names: Iterable[str] = TERM_KINDS) -> ValidationError | None:
    """The error for a term filter given under both its names (``topic`` and ``topics``), naming the first."""
    doubled = [TERM_KINDS[name] for name in names if name in data and TERM_KINDS[name] in data]
    if not doubled:
        return None
    return ValidationError(
        _("„%(plural)s“ und „%(singular)s“ bedeuten dasselbe; bitte nur eines angeben."),
        code="doubled",
        params={"plural": doubled[0], "singular": SINGULAR[doubled[0]]},
    )


class SlugChoiceField(forms.ModelChoiceField):
    """A choice of a taxonomy term by its slug, with a German message for unknown values."""

    default_error_messages = {
        "invalid_choice": _("Diesen Wert gibt es nicht. Bitte wählen Sie aus der Liste."),
    }

    def __init__(self, queryset: QuerySet, **kwargs) -> None:
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class ContentFilterForm(forms.Form):
    """Filters every index offers: the readers' interest ("Thema") and municipality."""

    interest = SlugChoiceField(Interest.objects.all(), label=_("Thema"), empty_label=_("Alle Themen"))
    municipality = SlugChoiceField(
        Municipality.objects.all(), label=_("Kommune"), empty_label=_("Ganzer Landkreis")
    )

    def filter(self, pages: QuerySet) -> QuerySet:
        """Apply the valid filters to ``pages`` (a ``ContentPageQuerySet``)."""
        return pages.matching(**self.chosen_terms())

    def chosen_filters(self) -> dict[str, str]:
        """The chosen filters' reader-facing names by parameter, in the order the form shows them."""
        return {
            name: str(self.cleaned_data[name])
            for name, field in self.fields.items()
            if self.cleaned_data.get(name) and isinstance(field, SlugChoiceField)
        }

    def widenings(self) -> list[list[tuple[str, QueryDict]]]:
        """Wider searches for an empty result, each named by what is then searched, with the query string
        that asks for it, and given as alternatives, narrowest first: the page offers the first that finds
        something. Here: each chosen filter dropped in turn ("Ganzer Landkreis", "Alle Fächer")."""
        wider = []
        for name in self.chosen_filters():
            # The first choice is the empty one: "Ganzer Landkreis", "Alle Fächer", "Alle Epochen".
            wider.append([(str(next(iter(self.fields[name].choices))[1]), self.query_with(**{name: None}))])
        return wider

    def query_with(self, **changes: str | None) -> QueryDict:
        """The form's query string with these parameters set (``None``: dropped), from the first page."""
        query = self.data.copy()
        for name, value in {**changes, PAGE_PARAMETER: None}.items():
            if value is None:
                query.pop(name, None)
            else:
                query[name] = value
        return query

    def chosen_terms(self) -> dict[str, list]:
        """The chosen vocabulary terms by kind, as ``ContentPageQuerySet.matching`` takes them: one term of a
        list (``SlugChoiceField``) or the terms of a ``SlugsField``."""
        data = self.cleaned_data
        return {
            plural: data[name] if isinstance(data[name], list) else [data[name]]
            for name, plural in TERM_KINDS.items()
            if name in self.fields and data.get(name)
        }


class NearbyFilterForm(ContentFilterForm):
    """A chosen municipality may be widened to those around it: "in der Nähe (bis 10 km)" keeps the pages
    naming a municipality whose centre lies that close, and those for the whole district
    (``ContentPageQuerySet.near``)."""

    radius = forms.TypedChoiceField(label=_("Umkreis"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["radius"].choices = [("", _("Nur die gewählte Kommune"))] + [
            (str(km), nearby_label(km)) for km in NEARBY_RADII_KM
        ]
        self.fields["radius"].error_messages["invalid_choice"] = _(
            "Diesen Umkreis gibt es nicht. Bitte wählen Sie aus der Liste."
        )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("radius") and not data.get("municipality"):
            self.add_error("radius", _("Bitte wählen Sie eine Kommune, in deren Nähe gesucht werden soll."))
        return data

    def filter(self, pages: QuerySet) -> QuerySet:
        radius = self.cleaned_data.get("radius")
        if not radius:
            return super().filter(pages)
        terms = self.chosen_terms()
        municipalities = terms.pop("municipalities")
        return pages.matching(**terms).near(municipalities, radius)

    def chosen_filters(self) -> dict[str, str]:
        chosen = super().chosen_filters()
        if radius := self.cleaned_data.get("radius"):
            chosen["municipality"] = _("%(place)s und Umgebung (bis %(km)s km)") % {
                "place": chosen["municipality"],
                "km": radius,
            }
        return chosen

    def widenings(self) -> list[list[tuple[str, QueryDict]]]:
        wider = super().widenings()
        if not self.cleaned_data.get("municipality"):
            return wider
        # "Ganzer Landkreis" drops the radius with the municipality it belongs to.
        for alternatives in wider:
            for _label, query in alternatives:
                if "municipality" not in query:
                    query.pop("radius", None)
        current = self.cleaned_data.get("radius") or 0
        larger = [km for km in NEARBY_RADII_KM if km > current]
        wider.insert(0, [(nearby_label(km), self.query_with(radius=str(km))) for km in larger])
        return wider


def nearby_label(radius_km: int) -> str:
    """The name of a search "in der Nähe" with this radius."""
    return _("In der Nähe (bis %(km)s km)") % {"km": radius_km}


class MintFilterForm(NearbyFilterForm):
    """MINT offers are also filtered by subject and grade band; only offers still ahead are listed unless the
    reader asks for the past ones too (a workshop that took place last month is of no use to a pupil)."""

    subject = SlugChoiceField(MintSubject.objects.all(), label=_("Fach"), empty_label=_("Alle Fächer"))
    grade_band = SlugChoiceField(
        GradeBand.objects.all(), label=_("Zielgruppe"), empty_label=_("Alle Zielgruppen")
    )
    past = forms.BooleanField(label=_("Auch vergangene Angebote anzeigen"), required=False)

    def filter(self, pages: QuerySet) -> QuerySet:
        pages = super().filter(pages)
        if not self.cleaned_data.get("past"):
            pages = pages.upcoming()
        return pages

    def widenings(self) -> list[list[tuple[str, QueryDict]]]:
        wider = super().widenings()
        if not self.cleaned_data.get("past"):
            wider.append([(str(_("Auch vergangene Angebote")), self.query_with(past="on"))])
        return wider


class HistoryFilterForm(ContentFilterForm):
    """Milestones are also filtered by era."""

    era = forms.ChoiceField(label=_("Epoche"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["era"].choices = [("", _("Alle Epochen")), *Era.choices()]
        self.fields["era"].error_messages["invalid_choice"] = _(
            "Diese Epoche gibt es nicht. Bitte wählen Sie aus der Liste."
        )

    def chosen_filters(self) -> dict[str, str]:
        chosen = super().chosen_filters()
        if era := self.cleaned_data.get("era"):
            chosen["era"] = str(dict(Era.choices()).get(era, era))
        return chosen

    def filter(self, pages: QuerySet) -> QuerySet:
        pages = super().filter(pages)
        era = self.cleaned_data.get("era")
        if era:
            first, last = Era.bounds(era)
            pages = pages.filter(year__gte=first, year__lte=last)
        return pages


class ContactPointFilterForm(ContentFilterForm):
    """Contact points are also filtered by a language they speak and by what they help with: the topics
    contact points carry (Arbeit, Sprache, Wohnen …), plain words chosen for them."""

    language = SlugChoiceField(Language.objects.all(), label=_("Sprache"), empty_label=_("Alle Sprachen"))
    topic = SlugChoiceField(Topic.objects.none(), label=_("Hilft bei"), empty_label=_("Allem"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(pages__contactpointpage__isnull=False).distinct()

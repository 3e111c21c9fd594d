"""Filter forms of the index pages.

Values arrive from the query string and are validated before they reach the database: an unknown slug is
a form error (shown to the reader with a 400), never an exception.
"""

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from page_types.eras import Era
from page_types.taxonomy import GradeBand, Language, MintSubject, Municipality, Topic

# The query parameter of the result page number.
PAGE_PARAMETER = "seite"

# The filters' parameter names and the kinds of term ``ContentPageQuerySet.matching`` takes.
TERM_KINDS = {
    "topic": "topics",
    "municipality": "municipalities",
    "subject": "subjects",
    "grade_band": "grade_bands",
    "language": "languages",
}


class SlugChoiceField(forms.ModelChoiceField):
    """A choice of a taxonomy term by its slug, with a German message for unknown values."""

    default_error_messages = {
        "invalid_choice": _("Diesen Wert gibt es nicht. Bitte wählen Sie aus der Liste."),
    }

    def __init__(self, queryset: QuerySet, **kwargs) -> None:
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class ContentFilterForm(forms.Form):
    """Filters every index offers: topic and municipality."""

    topic = SlugChoiceField(
        Topic.objects.select_related("parent"), label=_("Thema"), empty_label=_("Alle Themen")
    )
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

    def widenings(self) -> list[tuple[str, QueryDict]]:
        """Wider searches for an empty result: each chosen filter dropped in turn, named by what is then
        searched ("Ganzer Landkreis", "Alle Fächer"), with the query string that asks for it."""
        wider = []
        for name in self.chosen_filters():
            query = self.data.copy()
            query.pop(name, None)
            query.pop(PAGE_PARAMETER, None)
            # The first choice is the empty one: "Ganzer Landkreis", "Alle Fächer", "Alle Epochen".
            wider.append((str(next(iter(self.fields[name].choices))[1]), query))
        return wider

    def chosen_terms(self) -> dict[str, list]:
        """The chosen vocabulary terms by kind, as ``ContentPageQuerySet.matching`` takes them."""
        data = self.cleaned_data
        return {
            plural: [data[name]]
            for name, plural in TERM_KINDS.items()
            if name in self.fields and data.get(name)
        }


class MintFilterForm(ContentFilterForm):
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

    def widenings(self) -> list[tuple[str, QueryDict]]:
        wider = super().widenings()
        if not self.cleaned_data.get("past"):
            query = self.data.copy()
            query["past"] = "on"
            query.pop(PAGE_PARAMETER, None)
            wider.append((str(_("Auch vergangene Angebote")), query))
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
    """Contact points are also filtered by a language they speak."""

    language = SlugChoiceField(Language.objects.all(), label=_("Sprache"), empty_label=_("Alle Sprachen"))

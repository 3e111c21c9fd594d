"""Filter forms of the index pages.

Values arrive from the query string and are validated before they reach the database: an unknown slug is
a form error (shown to the reader with a 400), never an exception.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from page_types.eras import Era
from page_types.taxonomy import GradeBand, MintSubject, Municipality, Topic

# The filters' parameter names and the kinds of term ``ContentPageQuerySet.matching`` takes.
TERM_KINDS = {
    "topic": "topics",
    "municipality": "municipalities",
    "subject": "subjects",
    "grade_band": "grade_bands",
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

    def chosen_terms(self) -> dict[str, list]:
        """The chosen vocabulary terms by kind, as ``ContentPageQuerySet.matching`` takes them."""
        data = self.cleaned_data
        return {
            plural: [data[name]]
            for name, plural in TERM_KINDS.items()
            if name in self.fields and data.get(name)
        }


class MintFilterForm(ContentFilterForm):
    """MINT offers are also filtered by subject, grade band and whether they are still ahead."""

    subject = SlugChoiceField(MintSubject.objects.all(), label=_("Fach"), empty_label=_("Alle Fächer"))
    grade_band = SlugChoiceField(
        GradeBand.objects.all(), label=_("Zielgruppe"), empty_label=_("Alle Zielgruppen")
    )
    upcoming = forms.BooleanField(label=_("Nur kommende Angebote"), required=False)

    def filter(self, pages: QuerySet) -> QuerySet:
        pages = super().filter(pages)
        if self.cleaned_data.get("upcoming"):
            pages = pages.upcoming()
        return pages


class HistoryFilterForm(ContentFilterForm):
    """Milestones are also filtered by era."""

    era = forms.ChoiceField(label=_("Epoche"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["era"].choices = [("", _("Alle Epochen")), *Era.choices()]
        self.fields["era"].error_messages["invalid_choice"] = _(
            "Diese Epoche gibt es nicht. Bitte wählen Sie aus der Liste."
        )

    def filter(self, pages: QuerySet) -> QuerySet:
        pages = super().filter(pages)
        era = self.cleaned_data.get("era")
        if era:
            first, last = Era.bounds(era)
            pages = pages.filter(year__gte=first, year__lte=last)
        return pages

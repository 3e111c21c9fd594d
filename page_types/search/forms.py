"""The search form: the words, and the family, municipality and interest the reader narrowed the search to.

Values come from links and the query string; an unknown value is a form error shown on the page with a 400,
never an exception.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from page_types.forms import ContentFilterForm
from page_types.models import ContentPage
from page_types.search.families import families

MAX_QUERY_LENGTH = 200


class SearchForm(ContentFilterForm):
    """``q`` (the words), ``family`` (a family slug), and the index pages' filters (municipality,
    interest)."""

    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=MAX_QUERY_LENGTH)
    family = forms.ChoiceField(label=_("Bereich"), required=False)

    field_order = ["q", "family", "municipality", "interest"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["family"].choices = [("", _("Alle Bereiche"))] + [
            (slug, model._meta.verbose_name_plural) for slug, model in families().items()
        ]
        self.fields["family"].error_messages["invalid_choice"] = _(
            "Diesen Bereich gibt es nicht. Bitte wählen Sie aus der Liste."
        )

    @property
    def words(self) -> str:
        """The search words, or ``""`` (also when the form is invalid)."""
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""

    def family_model(self) -> type[ContentPage] | None:
        """The chosen family's page model, or ``None`` for all families."""
        slug = self.cleaned_data.get("family") if self.is_valid() else None
        return families()[slug] if slug else None

    def has_filters(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data.get("family") or self.chosen_terms())

"""The query parameters of a feed: ``interest``, ``topic``, ``municipality``, ``radius``, ``subject``,
``grade_band``, ``limit`` and ``locale`` (the feed's language: each item in it where translated, else in the
language it was written in).

They are the MINT index page's filters (``page_types.forms``), so a school can subscribe its calendar to
"Informatik, Klasse 8–10, Ludwigsburg und Umgebung (bis 10 km)" with the values it knows from the site. Like
the content API's, each term filter takes several comma-separated slugs, meaning any of them, also under the
plural name of the field (``subjects=informatik,technik``): one rule (``SlugsField``, ``singular_filters``).
Unknown, repeated or invalid parameters are form errors that the view answers with a 400 — never a guess
and never a 500.
"""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_content_languages

from campaigns import app_settings
from page_types.forms import (
    TERM_KINDS,
    NearbyFilterForm,
    SlugsField,
    TermSelect,
    doubled_filter,
    singular_filters,
)
from page_types.models import GradeBand, Interest, MintSubject, Municipality, Topic

# The parameters that choose what a feed shows (the others say how much and in which language).
SELECTION_FILTERS = ("interest", "topic", "municipality", "radius", "subject", "grade_band")
# The term filters among them, which also answer to their plural names.
TERM_FILTERS = tuple(name for name in SELECTION_FILTERS if name in TERM_KINDS)


def terms_field(model: type, label: str, empty_label: str) -> SlugsField:
    """A term filter: slugs as the API takes them, shown on the channel list as a list to choose one from."""
    return SlugsField(model, label=label, widget=TermSelect(model, empty_label))


class FeedFilterForm(NearbyFilterForm):
    """Interest, topic, municipality and its radius narrow every page; subject and grade band narrow the MINT
    offers only (``ContentPageQuerySet.matching`` and ``near``, the rules of the channel and of every other
    outlet). ``topic`` is the editorial topic, for the district's own uses; the site offers interests."""

    interest = terms_field(Interest, _("Thema"), _("Alle Themen"))
    topic = terms_field(Topic, _("Redaktionelles Thema"), _("Alle Themen"))
    municipality = terms_field(Municipality, _("Kommune"), _("Ganzer Landkreis"))
    subject = terms_field(MintSubject, _("Fach"), _("Alle Fächer"))
    grade_band = terms_field(GradeBand, _("Zielgruppe"), _("Alle Zielgruppen"))

    def __init__(self, data: QueryDict | None = None, *args, **kwargs) -> None:
        self.doubled = None if data is None else doubled_filter(data, TERM_FILTERS)
        data = None if data is None else singular_filters(data, TERM_FILTERS)
        super().__init__(data, *args, **kwargs)
        self.fields["limit"] = forms.IntegerField(
            label=_("Anzahl der Einträge"),
            min_value=1,
            max_value=app_settings.feed_max_items(),
            required=False,
        )
        self.fields["locale"] = forms.ChoiceField(
            label=_("Sprache"), choices=list(get_content_languages().items()), required=False
        )

    def clean(self) -> dict:
        if self.doubled:
            raise self.doubled
        unknown = sorted(set(self.data) - set(self.fields))
        if unknown:
            raise ValidationError(
                _("Unbekannter Parameter: %(names)s. Erlaubt sind: %(allowed)s."),
                code="unknown",
                params={"names": ", ".join(unknown), "allowed": ", ".join(self.fields)},
            )
        repeated = sorted(name for name in self.data if len(self.data.getlist(name)) > 1)
        if repeated:
            raise ValidationError(
                _("Jeder Parameter darf nur einmal vorkommen: %(names)s."),
                code="repeated",
                params={"names": ", ".join(repeated)},
            )
        return super().clean()

    def item_limit(self, default: int) -> int:
        """The number of entries asked for, or ``default``."""
        return self.cleaned_data.get("limit") or default

    def language(self, address_language: str) -> str:
        """The language asked for (``?locale=``), else the one of the feed's address (``/en/feeds/…``: the
        active language), else the content's own."""
        languages = dict(self.fields["locale"].choices)
        fallback = address_language if address_language in languages else app_settings.content_language()
        return self.cleaned_data.get("locale") or fallback

    def selection_query(self) -> str:
        """The chosen selection filters as a query string (``?subject=informatik``), or ``""`` without any."""
        chosen = {
            name: self.fields[name].prepare_value(value)
            for name in SELECTION_FILTERS
            if (value := self.cleaned_data.get(name))
        }
        return f"?{urlencode(chosen)}" if chosen else ""

"""The audiences' viewset: saved subscriber filters with their live count."""

from django import forms
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column

from campaigns.models import Audience, Role
from campaigns.reader_languages import reader_languages
from page_types.snippets import SnippetViewSet


def live_count(audience: Audience) -> int:
    return audience.count()


class AudienceForm(WagtailAdminModelForm):
    """Roles and languages are stored as lists of codes; editors tick them like the other facets."""

    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Rollen"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Sprachen"),
        choices=reader_languages,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = gettext_lazy("Zielgruppen")
    list_display = [
        "name",
        "channel",
        Column("count", label=gettext_lazy("Empfänger (aktuell)"), accessor=live_count),
    ]
    search_fields = ["name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            *Audience.panels[:3],
            MultiFieldPanel(
                [FieldPanel("roles"), FieldPanel("languages"), *Audience.panels[3].children],
                heading=gettext_lazy("Filter"),
            ),
        ],
        base_form_class=AudienceForm,
    )

"""The consent texts' viewset: a version the consent log refers to can no longer change."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import DateColumn

from campaigns.admin.columns import yes_no_column
from campaigns.models import ConsentText
from page_types.snippets import SnippetViewSet
from page_types.term_names import TranslatedNamesWidget


class ConsentTextForm(WagtailAdminModelForm):
    """A version the consent log refers to is evidence: its wording and version can no longer change."""

    def clean(self):
        data = super().clean()
        if self.instance.is_used and {"version", "text", "translated_texts"} & set(self.changed_data):
            raise forms.ValidationError(
                _(
                    "Diese Fassung wurde bereits für Einwilligungen verwendet und kann nicht mehr geändert "
                    "werden. Legen Sie für einen neuen Wortlaut eine neue Fassung an."
                )
            )
        return data


class ConsentTextViewSet(SnippetViewSet):
    model = ConsentText
    icon = "doc-full"
    menu_label = gettext_lazy("Einwilligungstexte")
    list_display = [
        "version",
        yes_no_column(ConsentText, "is_current"),
        DateColumn("created_at", label=gettext_lazy("Angelegt")),
    ]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("version"),
            FieldPanel("text"),
            FieldPanel("translated_texts", widget=TranslatedNamesWidget(multiline=True)),
            FieldPanel("is_current"),
        ],
        base_form_class=ConsentTextForm,
    )

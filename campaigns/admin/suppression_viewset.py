"""The suppression list's viewset: addresses are entered and searched, but only their hash is stored."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.views import snippets

from campaigns.addresses import email_hash, normalise_email
from campaigns.models import Suppression
from page_types.snippets import SnippetViewSet


class SuppressionForm(WagtailAdminModelForm):
    """A manual suppression is entered as an address and stored only as its hash."""

    address = forms.CharField(label=gettext_lazy("E-Mail-Adresse"), max_length=254, required=False)

    def clean_address(self):
        address = self.cleaned_data["address"]
        if self.instance.pk:
            return ""
        if not address:
            raise forms.ValidationError(_("Bitte geben Sie die zu sperrende Adresse an."))
        normalised = normalise_email(address)
        if Suppression.objects.is_suppressed(normalised):
            raise forms.ValidationError(_("Diese Adresse ist bereits gesperrt."))
        return normalised

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.email_hash = email_hash(self.cleaned_data["address"])
        return super().save(commit=commit)


class SuppressionIndexView(snippets.IndexView):
    def search_queryset(self, queryset):
        """A search for an address finds its hash; anything else matches the start of a hash."""
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        try:
            return queryset.filter(email_hash=email_hash(normalise_email(query)))
        except forms.ValidationError:
            return queryset.filter(email_hash__startswith=query.lower())


class SuppressionViewSet(SnippetViewSet):
    model = Suppression
    icon = "warning"
    menu_label = gettext_lazy("Sperrliste")
    index_view_class = SuppressionIndexView
    list_display = ["__str__", "reason", DateColumn("created_at", label=gettext_lazy("Angelegt"))]
    search_fields = ["email_hash"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList([FieldPanel("address"), FieldPanel("reason")], base_form_class=SuppressionForm)

"""API keys for server relays (Kampagnen → API-Schlüssel): a name, active, allowed origins; the key itself is
issued on creation and shown on the page that follows, once — only its digest is stored."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.snippets.views import snippets

from campaigns.admin.campaign_views import HOME
from campaigns.models import ApiKey
from page_types.snippets import SnippetViewSet


class ApiKeyCreateView(snippets.CreateView):
    """Issues the key when the record is saved and answers with a page that shows it, instead of the usual
    redirect: the key is in no message, session or log, and cannot be shown again."""

    def save_instance(self) -> ApiKey:
        self.issued_key = self.form.instance.issue()
        return super().save_instance()

    def save_action(self) -> HttpResponse:
        title = _("API-Schlüssel „%(name)s“ angelegt") % {"name": self.object.name}
        context = {
            "api_key": self.object,
            "issued_key": self.issued_key,
            "index_url": reverse(self.index_url_name),
            "header_title": title,
            "page_title": title,
            "header_icon": "key",
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _(HOME)},
                {"url": reverse(self.index_url_name), "label": ApiKey._meta.verbose_name_plural},
                {"url": "", "label": self.object.name},
            ],
        }
        return render(self.request, "campaigns/admin/api_key_created.html", context)


class ApiKeyViewSet(SnippetViewSet):
    model = ApiKey
    icon = "key"
    menu_label = gettext_lazy("API-Schlüssel")
    add_view_class = ApiKeyCreateView
    copy_view_enabled = False
    list_display = [
        "name",
        "prefix",
        BooleanColumn("active", label=gettext_lazy("Aktiv")),
        DateColumn("created_at", label=gettext_lazy("Angelegt")),
    ]
    edit_handler = ObjectList([FieldPanel("name"), FieldPanel("active"), FieldPanel("allowed_origins")])

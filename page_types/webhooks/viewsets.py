"""The webhooks in the admin (Einstellungen → Webhooks): URL, events, active, the secret to copy, and for
each webhook a page with its delivery log and the "Test senden" button."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views import snippets

from page_types.models.webhooks import WebhookEndpoint
from page_types.snippets import SnippetViewSet
from page_types.webhooks import events, views


class WebhookEndpointForm(WagtailAdminModelForm):
    """The events are chosen from those the installed plugins announce."""

    events = forms.MultipleChoiceField(
        label=gettext_lazy("Ereignisse"),
        choices=events.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Nur diese Ereignisse werden an die Adresse gesendet."),
    )


def deliveries_url(endpoint: WebhookEndpoint) -> str:
    return reverse(f"{views.NAMESPACE}:deliveries", args=[endpoint.pk])


class WebhookEndpointIndexView(snippets.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            MenuItem(_("Zustellungen & Test"), deliveries_url(instance), icon_name="link-external"),
            *super().get_list_more_buttons(instance),
        ]


class WebhookEndpointEditView(snippets.EditView):
    @property
    def header_buttons(self):
        url = deliveries_url(self.object)
        log = HeaderButton(_("Zustellungen & Test"), url=url, icon_name="link-external")
        return [log, *super().header_buttons]


class WebhookEndpointViewSet(SnippetViewSet):
    model = WebhookEndpoint
    url_namespace = views.NAMESPACE
    url_prefix = "page_types/webhooks"
    icon = "link-external"
    menu_label = gettext_lazy("Webhooks")
    add_to_settings_menu = True
    index_view_class = WebhookEndpointIndexView
    edit_view_class = WebhookEndpointEditView
    copy_view_enabled = False
    list_display = ["name", "url", BooleanColumn("active", label=gettext_lazy("Aktiv"))]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            FieldPanel("active"),
            FieldPanel("secret", read_only=True),
        ],
        base_form_class=WebhookEndpointForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("deliveries/<int:pk>/", views.deliveries, name="deliveries"),
            path("deliveries/<int:pk>/test/", views.test, name="test"),
        ]

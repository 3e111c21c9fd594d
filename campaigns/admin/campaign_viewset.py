"""The campaigns' viewset ("Newsletter-Ausgaben"): list, create and edit campaigns, and reach each
campaign's dispatch page.

A campaign can be edited while it is a draft or scheduled; once sending has begun, its content is frozen
and the edit view leads to the dispatch page instead.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views import snippets

from campaigns.admin import campaign_views, content_changes, reader_preview, send_views
from campaigns.models import Campaign
from page_types.snippets import SnippetViewSet

NAMESPACE = "campaigns_campaign"


def dispatch_url(campaign: Campaign) -> str:
    return reverse(f"{NAMESPACE}:dispatch", args=[campaign.pk])


class CampaignIndexView(snippets.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            MenuItem(_("Vorschau & Versand"), dispatch_url(instance), icon_name="mail"),
            *super().get_list_more_buttons(instance),
        ]


class CampaignCreateView(snippets.CreateView):
    def setup(self, request, *args, **kwargs):
        """No autosave while an issue is being created: Wagtail's autosave creates the issue on the first
        keystrokes, and a click on "Entwurf speichern" while that request runs creates a second one. Once
        saved, the issue's edit view autosaves its revisions as usual."""
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return dispatch_url(self.object)


class CampaignEditView(snippets.EditView):
    def dispatch(self, request, *args, **kwargs):
        campaign = self.model.objects.filter(pk=kwargs.get("pk")).first()
        if campaign is not None and not campaign.is_editable:
            messages.info(
                request, _("Diese Ausgabe wird oder wurde versendet und kann nicht mehr bearbeitet werden.")
            )
            return redirect(dispatch_url(campaign))
        return super().dispatch(request, *args, **kwargs)

    def run_after_hook(self):
        """A scheduled issue whose new version is not approved is not sent: its schedule is lifted."""
        if content_changes.lift_unapproved_schedule(self.object):
            messages.warning(self.request, content_changes.LIFTED)
        return super().run_after_hook()

    def get_success_url(self):
        """Back to the dispatch page, where the editor sees what the saved issue sends."""
        return dispatch_url(self.object)

    @property
    def header_buttons(self):
        return [
            HeaderButton(_("Vorschau & Versand"), url=dispatch_url(self.object), icon_name="mail"),
            *super().header_buttons,
        ]


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    url_namespace = NAMESPACE
    url_prefix = "campaigns/campaigns"
    icon = "mail"
    menu_label = gettext_lazy("Newsletter-Ausgaben")
    index_view_class = CampaignIndexView
    add_view_class = CampaignCreateView
    edit_view_class = CampaignEditView
    list_display = [
        "subject",
        Column("channel", label=gettext_lazy("Kanal")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("started_at", label=gettext_lazy("Versand begonnen")),
    ]
    list_filter = ["status", "channel"]
    search_fields = ["subject"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("dispatch/<int:pk>/", campaign_views.dispatch_page, name="dispatch"),
            path("dispatch/<int:pk>/progress/", campaign_views.progress, name="progress"),
            path("dispatch/<int:pk>/variant/<str:key>/", campaign_views.variant_preview, name="variant"),
            path("dispatch/<int:pk>/reader/", reader_preview.reader_preview, name="reader_preview"),
            path("dispatch/<int:pk>/reader/mail/", reader_preview.reader_mail, name="reader_mail"),
            path("dispatch/<int:pk>/content/", content_changes.change_content, name="change_content"),
            path("dispatch/<int:pk>/test/", campaign_views.test_mail, name="test_mail"),
            path("dispatch/<int:pk>/discard/", send_views.discard, name="discard"),
            path("dispatch/<int:pk>/confirm/<str:action>/", send_views.confirm_send, name="confirm_send"),
            path("dispatch/<int:pk>/send/<str:action>/", send_views.send, name="send"),
            path("dispatch/<int:pk>/<str:action>/", send_views.control_action, name="control"),
        ]

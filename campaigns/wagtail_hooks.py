"""The "Kampagnen" admin menu: every outreach viewset in one group.

Only members of the "Kampagnen" permission group (or superusers) see it; an editor without those rights
sees no subscriber data at all. The "Versand-Status" page is listed under "Berichte" for the same people.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from campaigns.admin.api_key_viewset import ApiKeyViewSet
from campaigns.admin.audience_viewset import AudienceViewSet
from campaigns.admin.campaign_viewset import CampaignViewSet
from campaigns.admin.channel_viewset import ChannelViewSet
from campaigns.admin.consent_text_viewset import ConsentTextViewSet
from campaigns.admin.sending_status_view import may_see, sending_status_page
from campaigns.admin.subscriber_viewset import SubscriberViewSet
from campaigns.admin.suppression_viewset import SuppressionViewSet
from campaigns.feeds.outreach import page_outreach
from campaigns.subscriptions.guide_channels import guide_channels
from page_types.guide.channels import CHANNELS_HOOK


class CampaignsGroup(SnippetViewSetGroup):
    menu_label = _("Kampagnen")
    menu_icon = "mail"
    menu_order = 300
    items = (
        CampaignViewSet,
        SubscriberViewSet,
        AudienceViewSet,
        ChannelViewSet,
        ConsentTextViewSet,
        SuppressionViewSet,
        ApiKeyViewSet,
    )


register_snippet(CampaignsGroup)


# Content pages ask for what outreach offers their readers (newsletter, calendar) by this hook.
hooks.register("page_types_outreach", page_outreach)
# The settlement guide asks which newsletters to recommend by this hook.
hooks.register(CHANNELS_HOOK, guide_channels)


class SendingStatusMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see(request.user)


@hooks.register("register_admin_urls")
def sending_status_urls() -> list:
    return [path("versand-status/", sending_status_page, name="campaigns_sending_status")]


@hooks.register("register_reports_menu_item")
def sending_status_menu_item() -> MenuItem:
    return SendingStatusMenuItem(
        _("Versand-Status"), reverse("campaigns_sending_status"), icon_name="mail", order=900
    )

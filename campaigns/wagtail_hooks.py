"""The "Kampagnen" admin menu: every outreach viewset in one group.

Only members of the "Kampagnen" permission group (or superusers) see it; an editor without those rights
sees no subscriber data at all.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from campaigns.admin.audience_viewset import AudienceViewSet
from campaigns.admin.campaign_viewset import CampaignViewSet
from campaigns.admin.channel_viewset import ChannelViewSet
from campaigns.admin.consent_text_viewset import ConsentTextViewSet
from campaigns.admin.subscriber_viewset import SubscriberViewSet
from campaigns.admin.suppression_viewset import SuppressionViewSet
from campaigns.feeds.outreach import page_outreach


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
    )


register_snippet(CampaignsGroup)


# Content pages ask for what outreach offers their readers (newsletter, calendar) by this hook.
hooks.register("page_types_outreach", page_outreach)

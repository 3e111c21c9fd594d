"""The subscriber form's overview of subscriptions and consent events, with "von diesem Kanal abmelden".

Staff asked by a reader to leave one newsletter can do exactly that, logged, instead of reaching for the
GDPR erasure that blocks the address for good.
"""

from wagtail.admin.panels import Panel

from campaigns.subscriptions.preferences import RECEIVING

RECENT_EVENTS = 20


class SubscriptionsPanel(Panel):
    """Read-only: each subscription with its status and the latest consent events."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "campaigns/admin/subscriptions_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            subscriptions = self.instance.subscriptions.select_related("channel")
            events = self.instance.consent_events.select_related("channel").order_by("-created_at")
            context["subscriptions"] = subscriptions.order_by("created_at")
            context["events"] = events[:RECENT_EVENTS]
            context["receiving"] = RECEIVING
            return context

"""The channels' viewset: each channel with its public switch and number of active subscriptions."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column

from campaigns.admin.columns import yes_no_column
from campaigns.models import Channel, Subscription
from page_types.snippets import SnippetViewSet


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "mail"
    menu_label = gettext_lazy("Kanäle")
    list_display = [
        "name",
        "slug",
        yes_no_column(Channel, "is_public"),
        Column("active_count", label=gettext_lazy("Aktive Abonnements")),
    ]
    search_fields = ["name", "slug"]
    search_backend_name = None

    def get_queryset(self, request):
        return Channel.objects.annotate(
            active_count=Count("subscriptions", filter=Q(subscriptions__status=Subscription.Status.ACTIVE))
        )

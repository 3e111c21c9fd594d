"""Admin registration of the taxonomy snippets, grouped in one "Vokabular" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from page_types.models import GradeBand, MintSubject, Municipality, Organisation, Topic
from page_types.snippets import SnippetViewSet
from page_types.webhooks.viewsets import WebhookEndpointViewSet


class TermViewSet(SnippetViewSet):
    """A searchable list of terms showing name and slug."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class TopicViewSet(TermViewSet):
    model = Topic
    icon = "tag"
    list_display = ["__str__", "slug", "parent"]
    list_filter = ["parent"]


class MunicipalityViewSet(TermViewSet):
    model = Municipality
    icon = "site"
    ordering = ["slug"]  # German order, see Municipality


class OrganisationViewSet(TermViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind", "municipality"]
    ordering = ["sort_name", "name"]  # German order, see Organisation


class MintSubjectViewSet(TermViewSet):
    model = MintSubject
    icon = "cogs"


class GradeBandViewSet(TermViewSet):
    model = GradeBand
    icon = "user"


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vokabular")
    menu_icon = "tag"
    menu_order = 250
    items = (
        TopicViewSet,
        MunicipalityViewSet,
        OrganisationViewSet,
        MintSubjectViewSet,
        GradeBandViewSet,
    )


register_snippet(VocabularyGroup)
register_snippet(WebhookEndpointViewSet)

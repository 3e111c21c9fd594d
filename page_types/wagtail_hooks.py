"""Admin registration of the taxonomy snippets (one "Vokabular" menu) and of the outgoing webhooks, and the
editor's warning about offer dates in the past."""

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from page_types.models import (
    GradeBand,
    GuideProfile,
    Interest,
    Language,
    MintOfferPage,
    MintSubject,
    Municipality,
    Organisation,
    Topic,
)
from page_types.rich_text import LocalizedPageLinkHandler
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


class InterestViewSet(TermViewSet):
    """What readers choose and see, each gathering editorial topics (``page_types.taxonomy.Interest``)."""

    model = Interest
    icon = "pick"
    list_display = ["name", "slug", "description"]


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


class LanguageViewSet(TermViewSet):
    model = Language
    icon = "globe"


class GuideProfileViewSet(TermViewSet):
    """The settlement guide's profiles, beside the vocabulary they are made of."""

    model = GuideProfile
    icon = "help"
    list_display = ["name", "slug", "sort_order"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vokabular")
    menu_icon = "tag"
    menu_order = 250
    items = (
        TopicViewSet,
        InterestViewSet,
        MunicipalityViewSet,
        OrganisationViewSet,
        MintSubjectViewSet,
        GradeBandViewSet,
        LanguageViewSet,
        GuideProfileViewSet,
    )


register_snippet(VocabularyGroup)
register_snippet(WebhookEndpointViewSet)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_past_dates(request: HttpRequest, page: Page) -> None:
    """Tell the editor when an offer's dates or registration deadline lie in the past.

    Mostly a slip of the year; saving still works (an offer may be documented afterwards), but readers would
    meet it as an offer that is already over.
    """
    if not isinstance(page, MintOfferPage):
        return
    now = timezone.now()
    past = sorted(occurrence.start for occurrence in page.occurrences.all() if occurrence.start < now)
    if past:
        dates = ", ".join(f"{timezone.localtime(start):%d.%m.%Y %H:%M}" for start in past)
        messages.warning(
            request,
            ngettext(
                "Ein Termin liegt in der Vergangenheit: %(dates)s. Stimmt das Jahr?",
                "%(count)d Termine liegen in der Vergangenheit: %(dates)s. Stimmt das Jahr?",
                len(past),
            )
            % {"count": len(past), "dates": dates},
        )
    deadline = page.registration_deadline
    if deadline and deadline < timezone.localdate():
        message = gettext("Der Anmeldeschluss %(date)s liegt in der Vergangenheit.")
        messages.warning(request, message % {"date": f"{deadline:%d.%m.%Y}"})


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own "page" link type
def localized_page_links(features) -> None:
    features.register_link_type(LocalizedPageLinkHandler)

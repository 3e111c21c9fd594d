"""Innovation history: milestones of the district's entrepreneurial past, shown as a timeline."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from page_types import serializers
from page_types.blocks import BodyBlock
from page_types.eras import Era
from page_types.forms import HistoryFilterForm
from page_types.models.base import ContentPage, ListingIndexPage, content_edit_handler


class InnovationHistoryPage(ListingIndexPage):
    """The timeline of milestones, oldest first, filterable by era and topic."""

    parent_page_types = ["page_types.HomePage"]
    subpage_types = ["page_types.InnovationMilestonePage"]
    paginate_by = 50
    api_fields = [*ListingIndexPage.api_fields, APIField("eras")]

    class Meta:
        verbose_name = _("Innovationsgeschichte (Zeitstrahl)")
        verbose_name_plural = _("Innovationsgeschichten (Zeitstrahl)")

    filter_form_class = HistoryFilterForm

    @property
    def eras(self) -> list[dict[str, str]]:
        """The timeline's eras, for a front end's era filter."""
        return [{"slug": slug, "name": str(label)} for slug, label in Era.choices()]

    def listed_pages(self):
        return super().listed_pages().select_related("organisation").order_by("year", "date", "pk")


class InnovationMilestonePage(ContentPage):
    """One milestone: a year (or date), what happened, who did it, and the source."""

    year = models.SmallIntegerField(_("Jahr"))
    date = models.DateField(_("Genaues Datum"), null=True, blank=True)
    organisation = models.ForeignKey(
        "page_types.Organisation",
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    person = models.CharField(_("Person"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Text"), blank=True)
    source = models.CharField(
        _("Quelle"), max_length=300, blank=True, help_text=_("Archiv, Literatur oder Link.")
    )

    parent_page_types = ["page_types.InnovationHistoryPage"]
    subpage_types: list[str] = []

    content_panels = [
        *ContentPage.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("date")], heading=_("Zeitpunkt")),
        FieldPanel("organisation"),
        FieldPanel("person"),
        FieldPanel("body"),
        FieldPanel("source"),
    ]
    edit_handler = content_edit_handler(content_panels)
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.SearchField("person"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("year"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("year"),
        APIField("date"),
        APIField("era", serializer=serializers.ChoiceField(Era.choices())),
        APIField("organisation", serializer=serializers.OrganisationField()),
        APIField("person"),
        APIField("body", serializer=serializers.StreamBlocksField()),
        APIField("source"),
    ]
    # A timeline reads oldest first.
    api_ordering = ("year", "date", "id")

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")

    @property
    def era(self) -> str:
        return Era.of_year(self.year)

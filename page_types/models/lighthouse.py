"""Lighthouse stories (Leuchttürme): the district's outstanding organisations and projects."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from page_types import serializers
from page_types.blocks import BodyBlock
from page_types.models.base import ContentPage, ListingIndexPage, content_edit_handler


class Sector(models.TextChoices):
    """Economic sectors, coarse enough for a filter a resident understands."""

    AUTOMOTIVE = "automotive", _("Fahrzeugbau & Zulieferer")
    ENGINEERING = "engineering", _("Maschinen- & Anlagenbau")
    DIGITAL = "digital", _("IT & Digitalwirtschaft")
    ENERGY = "energy", _("Energie & Umwelt")
    HEALTH = "health", _("Gesundheit & Life Sciences")
    CRAFT = "craft", _("Handwerk")
    TRADE = "trade", _("Handel & Dienstleistung")
    LOGISTICS = "logistics", _("Logistik & Mobilität")
    RESEARCH = "research", _("Bildung & Forschung")
    CULTURE = "culture", _("Kultur- & Kreativwirtschaft")


class LighthouseIndexPage(ListingIndexPage):
    """Lists the lighthouse stories."""

    parent_page_types = ["page_types.HomePage"]
    subpage_types = ["page_types.LighthouseStoryPage"]

    class Meta:
        verbose_name = _("Leuchtturm-Übersicht")
        verbose_name_plural = _("Leuchtturm-Übersichten")


class LighthouseStoryPage(ContentPage):
    """The story of an organisation or project that the district wants to make visible."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Titelbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(_("Alternativtext des Titelbilds"), max_length=250, blank=True)
    organisation = models.ForeignKey(
        "page_types.Organisation",
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lighthouse_stories",
    )
    sector = models.CharField(_("Branche"), max_length=20, choices=Sector.choices, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    parent_page_types = ["page_types.LighthouseIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *ContentPage.content_panels,
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Titelbild")),
        FieldPanel("organisation"),
        FieldPanel("sector"),
        FieldPanel("body"),
    ]
    edit_handler = content_edit_handler(content_panels)
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("sector"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("hero_image", serializer=serializers.ImageField(alt_source="hero_image_alt")),
        APIField("organisation", serializer=serializers.OrganisationField()),
        APIField("sector", serializer=serializers.ChoiceField(Sector.choices)),
        APIField("body", serializer=serializers.StreamBlocksField()),
    ]

    class Meta:
        verbose_name = _("Leuchtturm-Geschichte")
        verbose_name_plural = _("Leuchtturm-Geschichten")

    def clean(self) -> None:
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError(
                {"hero_image_alt": _("Bitte einen Alternativtext für das Titelbild angeben.")}
            )

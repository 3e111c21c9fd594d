"""Internal communication (Innenkommunikation): news and explainers for the district's residents."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from page_types import serializers
from page_types.blocks import BodyBlock
from page_types.models.base import ContentPage, ListingIndexPage, content_edit_handler


class NewsKind(models.TextChoices):
    NEWS = "news", _("Nachricht")
    EXPLAINER = "explainer", _("Erklärstück")
    INTERVIEW = "interview", _("Interview")


class InternalNewsIndexPage(ListingIndexPage):
    """Lists news and explainers for residents."""

    parent_page_types = ["page_types.HomePage"]
    subpage_types = ["page_types.InternalNewsPage"]

    class Meta:
        verbose_name = _("Nachrichten-Übersicht")
        verbose_name_plural = _("Nachrichten-Übersichten")


class InternalNewsPage(ContentPage):
    """A news item or explainer on what the economy means for the district and its municipalities."""

    kind = models.CharField(_("Art"), max_length=20, choices=NewsKind.choices, default=NewsKind.NEWS)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    parent_page_types = ["page_types.InternalNewsIndexPage"]
    subpage_types: list[str] = []

    content_panels = [*ContentPage.content_panels, FieldPanel("kind"), FieldPanel("body")]
    edit_handler = content_edit_handler(content_panels)
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("kind", serializer=serializers.ChoiceField(NewsKind.choices)),
        APIField("body", serializer=serializers.StreamBlocksField()),
    ]

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")

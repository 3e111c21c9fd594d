"""The home page and the plain pages (Impressum, Datenschutz) below it."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from page_types import serializers
from page_types.models.base import ListingIndexPage, seo_panels
from page_types.preview import HeadlessPreviewable

HIGHLIGHTS_PER_FAMILY = 3


class HomePage(HeadlessPreviewable, Page):
    """The site's start page: an introduction and the newest highlights of each content family."""

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = seo_panels(_("Leer: die Einleitung, auf 160 Zeichen gekürzt."))
    api_fields = [APIField("intro", serializer=serializers.RichTextHTMLField())]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "page_types.LighthouseIndexPage",
        "page_types.MintIndexPage",
        "page_types.InnovationHistoryPage",
        "page_types.InternalNewsIndexPage",
        "page_types.ContactPointIndexPage",
        "page_types.SettlementGuidePage",
        "page_types.StandardPage",
    ]

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseiten")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        sections = []
        for index_page in self.get_children().live().public().specific():
            if isinstance(index_page, ListingIndexPage):
                items = list(index_page.listed_pages()[:HIGHLIGHTS_PER_FAMILY])
                sections.append({"index": index_page, "items": items})
        context["sections"] = sections
        return context


class StandardPage(HeadlessPreviewable, Page):
    """A plain text page such as the Impressum or the privacy notice."""

    body = RichTextField(_("Inhalt"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    api_fields = [APIField("body", serializer=serializers.RichTextHTMLField())]
    parent_page_types = ["page_types.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Textseite")
        verbose_name_plural = _("Textseiten")

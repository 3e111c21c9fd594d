"""The settlement guide (Wegweiser): the profiles editors curate and the page that answers with them."""

from django.db import models
from django.forms import CheckboxSelectMultiple
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from page_types import serializers
from page_types.guide.forms import GuideForm
from page_types.models.base import seo_panels
from page_types.models.guide_answers import GuideAnswer, answer
from page_types.preview import HeadlessPreviewable


class GuideProfile(index.Indexed, models.Model):
    """Who the guide answers (Fachkraft, Familie …) and which sections and topics their answer has.

    A new profile is a new row: the guide's form lists every profile, its answer shows the chosen sections.
    """

    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(
        _("Kürzel"), max_length=60, unique=True, help_text=_("Steht in der Adresse: ?profil=fachkraft")
    )
    intro = models.TextField(_("Einleitung"), blank=True, help_text=_("Steht über der Antwort."))
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    show_contact_points = models.BooleanField(_("Anlaufstellen in der Nähe"), default=True)
    show_offers = models.BooleanField(
        _("MINT-Angebote für Kinder"), default=True, help_text=_("Nur wenn „Mit Kindern“ gewählt ist.")
    )
    show_stories = models.BooleanField(_("Leuchttürme der Kommune"), default=True)
    show_channels = models.BooleanField(_("Passende Newsletter"), default=True)
    topics = models.ManyToManyField(
        "page_types.Topic",
        verbose_name=_("Themen"),
        blank=True,
        related_name="+",
        help_text=_("Anlaufstellen und Newsletter zu diesen Themen; keine Auswahl: alle."),
    )
    grade_bands = models.ManyToManyField(
        "page_types.GradeBand",
        verbose_name=_("Klassenstufen der Kinder"),
        blank=True,
        related_name="+",
        help_text=_("MINT-Angebote für diese Klassenstufen; keine Auswahl: alle."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [
                FieldPanel("show_contact_points"),
                FieldPanel("show_offers"),
                FieldPanel("show_stories"),
                FieldPanel("show_channels"),
            ],
            heading=_("Abschnitte der Antwort"),
        ),
        FieldPanel("topics", widget=CheckboxSelectMultiple),
        FieldPanel("grade_bands", widget=CheckboxSelectMultiple),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("Wegweiser-Profil")
        verbose_name_plural = _("Wegweiser-Profile")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class SettlementGuidePage(HeadlessPreviewable, Page):
    """The guide: a short GET form and, once answered, the sections of the chosen profile."""

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = seo_panels(_("Leer: die Einleitung, auf 160 Zeichen gekürzt."))
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro", serializer=serializers.RichTextHTMLField())]
    parent_page_types = ["page_types.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("Wegweiser")
        verbose_name_plural = _("Wegweiser")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        profiles = GuideProfile.objects.all()
        # Unbound until the reader asks: the bare page shows the form without error messages.
        form = GuideForm(request.GET or None, profiles=profiles)
        result: GuideAnswer | None = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            result = answer(
                request,
                data["profil"],
                data["kommune"],
                language=data["sprache"],
                children=data["kinder"],
            )
        context.update(guide_form=form, profiles=profiles, answer=result)
        return context

    def serve(self, request: HttpRequest, *args, **kwargs) -> TemplateResponse:
        response = super().serve(request, *args, **kwargs)
        form = (getattr(response, "context_data", None) or {}).get("guide_form")
        if form is not None and form.errors:
            response.status_code = 400
        return response

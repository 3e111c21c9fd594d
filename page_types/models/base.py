"""The base of every content page and of every listing page.

``ContentPage`` is a concrete (multi-table) page model on purpose: teaser, listing image, topics,
municipalities and publish date live in one table, so that one query can select across all content families
— which is what channels, feeds and the API do.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from page_types import serializers
from page_types.facets import AudienceFacets
from page_types.forms import PAGE_PARAMETER, ContentFilterForm
from page_types.models.querysets import ContentPageQuerySet
from page_types.preview import HeadlessPreviewable
from page_types.reach import Reach
from page_types.taxonomy import Interest, shown_interests

ContentPageManager = PageManager.from_queryset(ContentPageQuerySet)


def _slugs(terms) -> frozenset[str]:
    return frozenset(term.slug for term in terms.all())


def seo_panels(description_fallback: str) -> list:
    """Wagtail's "Promote" fields, saying what is used when an editor leaves them empty."""
    return [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title", help_text=_("Leer: der Titel der Seite.")),
                FieldPanel("search_description", help_text=description_fallback),
            ],
            heading=_("Für Suchmaschinen und geteilte Links"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Für Menüs")),
    ]


class ContentPage(HeadlessPreviewable, Page):
    """Fields every content page carries: teaser, listing image, topics, municipalities (its place), reach,
    publish date.

    The municipalities say *where* something happens or what it is about; the reach says *who* may get it.
    They are separate because a coding camp in Bietigheim-Bissingen is for every pupil of the district,
    while a street closure there is news only for Bietigheim-Bissingen.
    """

    teaser = models.TextField(
        _("Teaser"),
        max_length=400,
        help_text=_("Kurzer Text für Übersichten, Feeds und Newsletter (höchstens 400 Zeichen)."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Vorschaubild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listing_image_alt = models.CharField(
        _("Alternativtext des Vorschaubilds"),
        max_length=250,
        blank=True,
        help_text=_("Pflicht, wenn ein Vorschaubild gewählt ist."),
    )
    topics = ParentalManyToManyField(
        "page_types.Topic", verbose_name=_("Themen"), blank=True, related_name="pages"
    )
    municipalities = ParentalManyToManyField(
        "page_types.Municipality",
        verbose_name=_("Kommunen"),
        blank=True,
        related_name="pages",
        help_text=_(
            "Ort: wo es stattfindet oder worum es geht. Keine Auswahl bedeutet: der ganze Landkreis."
        ),
    )
    reach = models.CharField(
        _("Reichweite"),
        max_length=10,
        choices=Reach.choices,
        default=Reach.DISTRICT,
        help_text=_(
            "Landkreis: alle Leserinnen und Leser eines passenden Kanals können den Beitrag erhalten; "
            "nur für die genannten Kommunen: nur wer in einer davon wohnt (z. B. eine Straßensperrung)."
        ),
    )
    publish_date = models.DateField(_("Veröffentlichungsdatum"), default=timezone.localdate)

    objects = ContentPageManager()

    is_creatable = False

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_image_alt")],
            heading=_("Vorschaubild"),
        ),
    ]
    taxonomy_panels = [
        FieldPanel("publish_date"),
        FieldPanel("topics", widget=CheckboxSelectMultiple),
        FieldPanel("municipalities", widget=CheckboxSelectMultiple),
        FieldPanel("reach"),
    ]
    promote_panels = seo_panels(_("Leer: der Teaser, auf 160 Zeichen gekürzt."))
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.FilterField("publish_date"),
        # A reader searching for "Informatik" or "Bietigheim" finds the pages tagged so.
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("municipalities", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("teaser"),
        APIField("listing_image", serializer=serializers.ImageField(alt_source="listing_image_alt")),
        APIField("topics", serializer=serializers.TermsField()),
        APIField("interests", serializer=serializers.InterestsField()),
        APIField("municipalities", serializer=serializers.TermsField()),
        APIField("reach"),
        APIField("publish_date"),
    ]
    # What a search result line shows besides the page's own fields, fetched for all results at once.
    search_result_prefetch: tuple[str, ...] = ("municipalities",)
    # The API lists content newest first, as the index pages do.
    api_ordering = ("-publish_date", "-id")

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")

    def clean(self) -> None:
        super().clean()
        if self.listing_image_id and not self.listing_image_alt.strip():
            raise ValidationError(
                {"listing_image_alt": _("Bitte einen Alternativtext für das Vorschaubild angeben.")}
            )
        if self.reach == Reach.LOCAL and not self.municipalities.all():
            raise ValidationError(
                {"reach": _("Ein Beitrag nur für bestimmte Kommunen braucht mindestens eine Kommune.")}
            )

    @cached_property
    def reader_interests(self) -> list[Interest]:
        """What readers are shown this page is about: the interests its topics belong to (read once per
        page instance: the facts box and the structured data both show them)."""
        return shown_interests(self.topics.all(), Interest.objects.by_topic())

    def audience_facets(self) -> AudienceFacets:
        """Who this page is for; subclasses add their own facets (MINT subjects, grade bands)."""
        return AudienceFacets(
            page_type=self.specific_class._meta.label_lower,
            topics=_slugs(self.topics),
            municipalities=_slugs(self.municipalities),
        )


def content_edit_handler(content_panels: list) -> TabbedInterface:
    """The editor's tabs of a content page: content, taxonomy, promotion and settings."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(ContentPage.taxonomy_panels, heading=_("Zuordnung")),
            ObjectList(ContentPage.promote_panels, heading=_("Veröffentlichung")),
            ObjectList(ContentPage.settings_panels, heading=_("Einstellungen"), classname="settings"),
        ]
    )


class ListingIndexPage(HeadlessPreviewable, Page):
    """An index page that lists, filters and paginates its children of one content family.

    Filter parameters are validated by a form (``filter_form_class``); invalid values are answered with a
    400 and a message on the page instead of being passed to the database.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = seo_panels(_("Leer: die Einleitung, auf 160 Zeichen gekürzt."))
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro", serializer=serializers.RichTextHTMLField()), APIField("listed_type")]

    paginate_by = 12
    max_count_per_parent = 1

    class Meta:
        abstract = True

    filter_form_class = ContentFilterForm

    def child_model(self) -> type[ContentPage]:
        """The page model listed by this index (its only allowed subpage type)."""
        return self.allowed_subpage_models()[0]

    @property
    def listed_type(self) -> str:
        """The API ``type`` of the listed pages, so that a front end can query them from the index."""
        model = self.child_model()
        return f"{model._meta.app_label}.{model.__name__}"

    def listed_pages(self):
        """The live, public children in listing order, with what their cards need prefetched."""
        pages = self.child_model().objects.child_of(self).live().public()
        return pages.with_listing_data().order_by("-publish_date", "-pk")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # Always bound: an index without parameters applies the defaults (MINT: upcoming offers only).
        form = self.filter_form_class(request.GET)
        pages = self.listed_pages()
        if form.is_valid():
            pages = form.filter(pages)
        paginator = Paginator(pages, self.paginate_by)
        try:
            page_obj = paginator.page(request.GET.get(PAGE_PARAMETER) or 1)
        except (PageNotAnInteger, EmptyPage):
            page_obj = None
        context.update(
            filter_form=form,
            filtered=bool(request.GET),
            paginator=paginator,
            page_obj=page_obj,
            items=page_obj.object_list if page_obj else [],
            query_without_page=_query_without(request, PAGE_PARAMETER),
        )
        if page_obj is not None and not paginator.count and form.is_valid():
            context.update(empty_result=self.empty_result(form))
        return context

    def empty_result(self, form: ContentFilterForm) -> "EmptyResult":
        """What an empty result says in words, and the wider searches that do find something (of each
        widening's alternatives the narrowest that does)."""
        chosen = form.chosen_filters()
        place = chosen.pop("municipality", "")
        things = self.child_model()._meta.verbose_name_plural
        values = {"things": things, "terms": ", ".join(chosen.values()), "place": place}
        if chosen and place:
            sentence = _("Keine %(things)s für %(terms)s in %(place)s.") % values
        elif chosen:
            sentence = _("Keine %(things)s für %(terms)s.") % values
        elif place:
            sentence = _("Keine %(things)s in %(place)s.") % values
        else:
            sentence = _("Derzeit gibt es hier keine %(things)s.") % values
        wider = []
        for alternatives in form.widenings():
            for label, query in alternatives:
                wider_form = self.filter_form_class(query)
                if wider_form.is_valid() and (count := wider_form.filter(self.listed_pages()).count()):
                    wider.append(Widening(label, "?" + query.urlencode(), count))
                    break
        return EmptyResult(sentence, wider)

    def serve(self, request: HttpRequest, *args, **kwargs) -> TemplateResponse:
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("filter_form") and context["filter_form"].errors:
            response.status_code = 400
        elif "page_obj" in context and context["page_obj"] is None:
            # A result page that does not exist is missing, like any unknown address.
            response.status_code = 404
        return response


@dataclass(frozen=True)
class Widening:
    """A wider search offered for an empty result: its name, its query string and how much it finds."""

    label: str
    query: str
    count: int


@dataclass(frozen=True)
class EmptyResult:
    """An empty result in words, with the wider searches that find something."""

    sentence: str
    widenings: list[Widening]


def _query_without(request: HttpRequest, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()

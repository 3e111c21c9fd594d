"""Contact points (Anlaufstellen): who helps newcomers with work, recognition of qualifications, language,
housing and family — in which languages, where and when."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from page_types import geography, serializers
from page_types.blocks import BodyBlock
from page_types.forms import ContactPointFilterForm
from page_types.models.base import ContentPage, ListingIndexPage, content_edit_handler


@dataclass(frozen=True)
class Coordinates:
    """Where a contact point lies; ``source`` says whether from its address or its municipality's centre."""

    latitude: float
    longitude: float
    source: str


class ContactPointIndexPage(ListingIndexPage):
    """Lists the contact points, filterable by topic, municipality and language."""

    parent_page_types = ["page_types.HomePage"]
    subpage_types = ["page_types.ContactPointPage"]

    class Meta:
        verbose_name = _("Anlaufstellen-Übersicht")
        verbose_name_plural = _("Anlaufstellen-Übersichten")

    filter_form_class = ContactPointFilterForm

    def listed_pages(self):
        pages = super().listed_pages().select_related("organisation").prefetch_related("languages")
        return pages.order_by(*self.child_model().api_ordering)


class ContactPointPage(ContentPage):
    """A place where newcomers get help; its topics say with what, its municipalities where it is.

    The coordinates of the address are optional: without them the centre of its (first) municipality
    stands in, which is precise enough to say what is near a reader. A contact point without a municipality
    (a hotline, an online service) serves the whole district and has no distance.
    """

    organisation = models.ForeignKey(
        "page_types.Organisation",
        verbose_name=_("Träger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_points",
    )
    languages = ParentalManyToManyField(
        "page_types.Language", verbose_name=_("Sprachen"), blank=True, related_name="contact_points"
    )
    street_address = models.CharField(
        _("Adresse"),
        max_length=250,
        blank=True,
        help_text=_("Straße, Hausnummer, PLZ und Ort, z. B. „Hindenburgstraße 40, 71638 Ludwigsburg“."),
    )
    latitude = models.FloatField(
        _("Breitengrad"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("Längengrad"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    opening_hours = models.TextField(
        _("Öffnungszeiten"),
        blank=True,
        help_text=_("z. B. „Mo–Do 9–12 Uhr, Di 14–18 Uhr und nach Vereinbarung“"),
    )
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    accessibility_notes = models.TextField(_("Hinweise zur Barrierefreiheit"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)

    parent_page_types = ["page_types.ContactPointIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("organisation"),
        FieldPanel("languages", widget=CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel(
                    [FieldPanel("latitude"), FieldPanel("longitude")],
                    help_text=_("Leer: die Mitte der Kommune."),
                ),
                FieldPanel("opening_hours"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Ort und Öffnungszeiten"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading=_("Kontakt")
        ),
        FieldPanel("body"),
    ]
    edit_handler = content_edit_handler(content_panels)
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.SearchField("street_address"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("languages", [index.SearchField("name")]),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("organisation", serializer=serializers.OrganisationField()),
        APIField("languages", serializer=serializers.TermsField()),
        APIField("street_address"),
        APIField("coordinates", serializer=serializers.CoordinatesField()),
        APIField("opening_hours"),
        APIField("phone"),
        APIField("email"),
        APIField("website"),
        APIField("accessibility_notes"),
        APIField("body", serializer=serializers.StreamBlocksField()),
    ]
    # Contact points are looked up by name, not by date: the index and the API list them alphabetically.
    api_ordering = ("title", "id")

    class Meta:
        verbose_name = _("Anlaufstelle")
        verbose_name_plural = _("Anlaufstellen")

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Bitte Breiten- und Längengrad angeben oder beide leer lassen.")}
            )

    @property
    def coordinates(self) -> Coordinates | None:
        """The address's coordinates, else the centre of the first of its municipalities that has one."""
        if self.latitude is not None and self.longitude is not None:
            return Coordinates(self.latitude, self.longitude, "address")
        for municipality in self.municipalities.all():
            if centre := geography.centres().get(municipality.slug):
                return Coordinates(*centre, "municipality")
        return None

    def distance_km(self, municipality_slug: str) -> float | None:
        """How far the nearest of its municipalities lies from the given one (0 for the same one)."""
        distances = [
            distance
            for municipality in self.municipalities.all()
            if (distance := geography.distance_km(municipality.slug, municipality_slug)) is not None
        ]
        return min(distances, default=None)

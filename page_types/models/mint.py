"""MINT offers: workshops, internships, camps and competitions for young people, and their dates."""

from django.core.exceptions import ValidationError
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.queryset import FakeQuerySet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from page_types import serializers
from page_types.blocks import BodyBlock
from page_types.calendar import WebCalendarLinks, offer_calendar, web_calendar_links
from page_types.dates import DateRange, date_ranges
from page_types.facets import AudienceFacets
from page_types.forms import MintFilterForm
from page_types.models.base import ContentPage, ListingIndexPage, content_edit_handler
from page_types.models.querysets import not_over
from page_types.public_urls import public_host, public_page_url, public_url


class OfferKind(models.TextChoices):
    """What kind of MINT offer this is."""

    WORKSHOP = "workshop", _("Workshop/Kurs")
    INTERNSHIP = "internship", _("Praktikum")
    HOLIDAY_CAMP = "holiday_camp", _("Ferienprogramm/Camp")
    COMPETITION = "competition", _("Wettbewerb")
    SCHOOL_COOPERATION = "school_cooperation", _("Schulkooperation")
    GIRLS_BOYS_DAY = "girls_boys_day", _("Girls' Day/Boys' Day")
    OPEN_DAY = "open_day", _("Tag der offenen Tür/Exkursion")
    TEACHER_TRAINING = "teacher_training", _("Fortbildung für Lehrkräfte")


class RegistrationStatus(models.TextChoices):
    """Whether an offer still takes registrations: a full or cancelled one does not, whatever its deadline."""

    OPEN = "open", _("Anmeldung möglich")
    FULL = "full", _("Ausgebucht")
    CANCELLED = "cancelled", _("Abgesagt")


class MintIndexPage(ListingIndexPage):
    """Lists the MINT offers soonest first, filterable by subject and grade band; past ones on request."""

    parent_page_types = ["page_types.HomePage"]
    subpage_types = ["page_types.MintOfferPage"]

    class Meta:
        verbose_name = _("MINT-Übersicht")
        verbose_name_plural = _("MINT-Übersichten")

    filter_form_class = MintFilterForm

    def listed_pages(self):
        return (
            super()
            .listed_pages()
            .select_related("provider")
            .prefetch_related("subjects", "grade_bands", "occurrences")
            .by_next_occurrence()
        )


class MintOfferPage(RoutablePageMixin, ContentPage):
    """A MINT offer for young people, teachers or parents, with one or more dates or "ongoing".

    Besides the page it serves its dates as a calendar file (``kalender/``, an ``.ics`` download for
    "In meinen Kalender"; Wagtail's page paths allow no dot, so the file name is in the response).
    """

    kind = models.CharField(_("Art des Angebots"), max_length=30, choices=OfferKind.choices)
    provider = models.ForeignKey(
        "page_types.Organisation",
        verbose_name=_("Anbieter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mint_offers",
    )
    subjects = ParentalManyToManyField(
        "page_types.MintSubject", verbose_name=_("Fächer"), blank=True, related_name="offers"
    )
    grade_bands = ParentalManyToManyField(
        "page_types.GradeBand", verbose_name=_("Klassenstufen"), blank=True, related_name="offers"
    )
    min_age = models.PositiveSmallIntegerField(_("Alter von"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("Alter bis"), null=True, blank=True)
    ongoing = models.BooleanField(
        _("Laufendes Angebot"),
        default=False,
        help_text=_("Ohne feste Termine, z. B. ein Praktikum nach Vereinbarung."),
    )
    location = models.CharField(_("Ort"), max_length=250, blank=True)
    street_address = models.CharField(
        _("Adresse"),
        max_length=250,
        blank=True,
        help_text=_("Straße, Hausnummer, PLZ und Ort, z. B. „Hindenburgstraße 40, 71638 Ludwigsburg“."),
    )
    cost = models.CharField(
        _("Kosten"), max_length=120, blank=True, help_text=_("z. B. „kostenlos“ oder „15 €“")
    )
    registration_url = models.URLField(_("Anmeldung (Link)"), blank=True)
    registration_deadline = models.DateField(_("Anmeldeschluss"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"), null=True, blank=True)
    registration_status = models.CharField(
        _("Stand der Anmeldung"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.OPEN,
        db_default=RegistrationStatus.OPEN,
    )
    send_reminders = models.BooleanField(
        _("Erinnerung vor Anmeldeschluss versenden"),
        default=True,
        db_default=True,
        help_text=_(
            "Leserinnen und Leser, die es gewählt haben, erhalten vor dem Anmeldeschluss eine kurze "
            "Erinnerung."
        ),
    )
    accessibility_notes = models.TextField(_("Hinweise zur Barrierefreiheit"), blank=True)
    contact_name = models.CharField(_("Ansprechperson"), max_length=120, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=40, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)

    parent_page_types = ["page_types.MintIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("kind"),
        FieldPanel("provider"),
        FieldPanel("subjects", widget=CheckboxSelectMultiple),
        FieldPanel("grade_bands", widget=CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")], heading=_("Alter")),
        MultiFieldPanel(
            [FieldPanel("ongoing"), InlinePanel("occurrences", label=_("Termin"))],
            heading=_("Termine"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("street_address"),
                FieldPanel("cost"),
                FieldPanel("capacity"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
                FieldPanel("registration_status"),
                FieldPanel("send_reminders"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Ort, Kosten und Anmeldung"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Ansprechperson (wird angezeigt, wenn ausgefüllt)"),
        ),
        FieldPanel("body"),
    ]
    edit_handler = content_edit_handler(content_panels)
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.SearchField("location"),
        index.SearchField("street_address"),
        index.RelatedFields("subjects", [index.SearchField("name")]),
        index.RelatedFields("grade_bands", [index.SearchField("name")]),
        index.RelatedFields("provider", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("ongoing"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("kind", serializer=serializers.ChoiceField(OfferKind.choices)),
        APIField("provider", serializer=serializers.OrganisationField()),
        APIField("subjects", serializer=serializers.TermsField()),
        APIField("grade_bands", serializer=serializers.TermsField()),
        APIField("min_age"),
        APIField("max_age"),
        APIField("ongoing"),
        APIField("occurrences", serializer=serializers.OccurrencesField()),
        APIField("next_occurrence", serializer=serializers.NextOccurrenceField()),
        APIField("location"),
        APIField("cost"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("capacity"),
        APIField("accessibility_notes"),
        APIField("body", serializer=serializers.StreamBlocksField()),
    ]

    search_result_prefetch = (*ContentPage.search_result_prefetch, "occurrences")

    class Meta:
        verbose_name = _("MINT-Angebot")
        verbose_name_plural = _("MINT-Angebote")

    def clean(self) -> None:
        super().clean()
        if self.min_age and self.max_age and self.min_age > self.max_age:
            raise ValidationError({"max_age": _("Das Höchstalter liegt unter dem Mindestalter.")})

    def audience_facets(self) -> AudienceFacets:
        facets = super().audience_facets()
        return AudienceFacets(
            page_type=facets.page_type,
            topics=facets.topics,
            municipalities=facets.municipalities,
            subjects=frozenset(s.slug for s in self.subjects.all()),
            grade_bands=frozenset(g.slug for g in self.grade_bands.all()),
        )

    def upcoming_occurrences(self) -> list["MintOccurrence"]:
        """The dates not yet over (``not_over``), in order; filtered in memory, so prefetched dates and
        those of a preview cost no query."""
        dates = FakeQuerySet(MintOccurrence, list(self.occurrences.all()))
        return list(dates.filter(not_over(timezone.now())))

    def upcoming_date_ranges(self) -> list[DateRange]:
        """The dates still ahead as readers see them: a camp on five days in a row is one range."""
        return date_ranges(self.upcoming_occurrences(), default_place=self.location)

    @path("kalender/", name="calendar")
    def calendar(self, request: HttpRequest) -> HttpResponse:
        """The offer's dates still ahead as an ``.ics`` file, with the events of the channel calendars."""
        # The same URL and UIDs as in the channel calendars: on the public base URL.
        url = public_page_url(self, request) or public_url("/")
        body = offer_calendar(self, host=public_host(), url=url)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    def next_date_calendar_links(self) -> WebCalendarLinks | None:
        """Google and Outlook links for the next date, or ``None`` without one."""
        upcoming = self.upcoming_occurrences()
        return web_calendar_links(upcoming[0], self.full_url or "") if upcoming else None

    @property
    def calendar_url(self) -> str:
        """The address of ``calendar``, for the "In meinen Kalender" link."""
        return (self.url or "/") + self.reverse_subpage("calendar")

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        # Previews show the page itself in every mode (the routable mixin would always show its index route).
        return ContentPage.serve_preview(self, request, mode_name)

    @property
    def registration_open(self) -> bool:
        """Whether registrations are taken: not full, not cancelled, and the deadline not passed."""
        if self.registration_status != RegistrationStatus.OPEN:
            return False
        return not self.registration_deadline or self.registration_deadline >= timezone.localdate()


class MintOccurrence(Orderable):
    """One date of a MINT offer: start, optional end and place."""

    page = ParentalKey(MintOfferPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    place = models.CharField(
        _("Ort des Termins"), max_length=250, blank=True, help_text=_("Leer: Ort des Angebots.")
    )

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("place")]

    class Meta(Orderable.Meta):
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.page.title}: {timezone.localtime(self.start):%d.%m.%Y %H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})

"""Channels (Kanäle): named public streams that bundle topics for one target group.

A channel's *content rule* (page types, topics, municipalities, MINT subjects, grade bands) is evaluated by
``campaigns.selection.select_content`` — the one function that newsletters, feeds, calendars and the API call.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.coreutils import get_content_languages
from wagtail.models import Orderable
from wagtail.search import index

from campaigns.channel_form import ChannelForm, RecurrencePanel
from campaigns.recurrence import validate_recurrence
from page_types.search.families import families

#: The welcome mail's subject until an editor words it otherwise; ``{kanal}`` stands for the channel's name.
DEFAULT_WELCOME_SUBJECT = gettext_noop("Willkommen bei „{kanal}“")


def content_page_types() -> models.Q:
    """Limit the rule's page types to the content families (the concrete subclasses of ContentPage)."""
    query = models.Q(pk__in=[])
    for model in families().values():
        query |= models.Q(app_label=model._meta.app_label, model=model._meta.model_name)
    return query


class Channel(index.Indexed, ClusterableModel):
    """A newsletter / feed channel with its content rule; an empty rule part means "no restriction"."""

    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kürzel"), max_length=80, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_public = models.BooleanField(
        _("Öffentlich"),
        default=True,
        help_text=_("Öffentliche Kanäle erscheinen im Anmeldeformular, in Feeds und in der API."),
    )
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    page_types = ParentalManyToManyField(
        ContentType,
        verbose_name=_("Seitentypen"),
        blank=True,
        limit_choices_to=content_page_types,
        related_name="+",
    )
    topics = ParentalManyToManyField(
        "page_types.Topic", verbose_name=_("Themen"), blank=True, related_name="channels"
    )
    municipalities = ParentalManyToManyField(
        "page_types.Municipality", verbose_name=_("Kommunen"), blank=True, related_name="channels"
    )
    subjects = ParentalManyToManyField(
        "page_types.MintSubject", verbose_name=_("MINT-Fächer"), blank=True, related_name="channels"
    )
    grade_bands = ParentalManyToManyField(
        "page_types.GradeBand", verbose_name=_("Klassenstufen"), blank=True, related_name="channels"
    )
    max_items = models.PositiveSmallIntegerField(
        _("Beiträge je Ausgabe höchstens"),
        default=12,
        validators=[MinValueValidator(1)],
        help_text=_(
            "So viele Beiträge erhält eine Leserin oder ein Leser höchstens; die Reihenfolge nach ihren "
            "Angaben entscheidet, welche."
        ),
    )
    nearby_km = models.PositiveSmallIntegerField(
        _("„In Ihrer Nähe“ bis (km)"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("Kommunen, deren Mitte höchstens so weit von der eigenen entfernt ist, gelten als nah."),
    )
    requires_approval = models.BooleanField(
        _("Freigabe vor dem Versand"),
        default=True,
        db_default=True,
        help_text=_(
            "Eine Ausgabe wird erst versendet, wenn ihre aktuelle Fassung den Freigabe-Workflow durchlaufen "
            "hat (Vier-Augen-Prinzip). Testmails gehen immer."
        ),
    )
    recurrence = models.TextField(
        _("Wiederholungsregel (RRULE)"),
        blank=True,
        default="",
        db_default="",
        validators=[validate_recurrence],
        help_text=_(
            "Wird aus den Angaben oben gebildet. Für Sonderfälle eine Regel nach RFC 5545 eintragen, z. B. "
            "„RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=9;BYMINUTE=0“ (letzter Freitag im Monat, 9 Uhr)."
        ),
    )
    min_items = models.PositiveSmallIntegerField(
        _("Mindestens neue Beiträge"),
        default=1,
        db_default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Gibt es zum Termin weniger neue Beiträge, fällt die Ausgabe aus; der Termin wird vermerkt."
        ),
    )
    offers_reminders = models.BooleanField(
        _("Erinnerung vor Anmeldeschluss anbieten"),
        default=False,
        db_default=False,
        help_text=_(
            "Leserinnen und Leser können wählen, vor dem Anmeldeschluss passender MINT-Angebote erinnert zu "
            "werden."
        ),
    )
    welcome_subject = models.CharField(
        _("Betreff der Willkommensmail"),
        max_length=150,
        default=DEFAULT_WELCOME_SUBJECT,
        db_default=DEFAULT_WELCOME_SUBJECT,
        help_text=_(
            "Geht an jede Person, die ein Abonnement dieses Kanals bestätigt hat; {kanal} steht für den "
            "Namen des Kanals."
        ),
    )
    tracking_enabled = models.BooleanField(
        _("Öffnungs- und Klickmessung erlauben"),
        default=False,
        help_text=_("Gilt nur für Abonnentinnen und Abonnenten, die der Messung zugestimmt haben."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("is_public"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [
                FieldPanel("page_types", widget=CheckboxSelectMultiple),
                FieldPanel("topics", widget=CheckboxSelectMultiple),
                FieldPanel("municipalities", widget=CheckboxSelectMultiple),
                FieldPanel("subjects", widget=CheckboxSelectMultiple),
                FieldPanel("grade_bands", widget=CheckboxSelectMultiple),
            ],
            heading=_("Inhaltsregel"),
        ),
        MultiFieldPanel([FieldPanel("max_items"), FieldPanel("nearby_km")], heading=_("Ausgaben")),
        MultiFieldPanel(
            [
                FieldPanel("recurrence_frequency"),
                FieldPanel("recurrence_weekday"),
                FieldPanel("recurrence_time"),
                FieldPanel("recurrence"),
                FieldPanel("min_items"),
                RecurrencePanel(),
            ],
            heading=_("Regelmäßige Ausgaben"),
        ),
        FieldPanel("offers_reminders"),
        FieldPanel("requires_approval"),
        FieldPanel("welcome_subject"),
        FieldPanel("tracking_enabled"),
        InlinePanel("texts", heading=_("Name und Beschreibung in weiteren Sprachen"), label=_("Sprache")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    base_form_class = ChannelForm

    class Meta:
        verbose_name = _("Kanal")
        verbose_name_plural = _("Kanäle")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def text_in(self, language: str) -> "ChannelText | None":
        """The channel's name and description in ``language``, if an editor gave them."""
        return next((text for text in self.texts.all() if text.language == language), None)

    @property
    def reader_name(self) -> str:
        """The name readers of the active language read: its translation where given, else the German."""
        text = self.text_in(get_language() or "")
        return text.name if text else self.name

    @property
    def reader_description(self) -> str:
        """The description in the active language where given, else the German one."""
        text = self.text_in(get_language() or "")
        return text.description if text and text.description else self.description


def content_languages() -> list[tuple[str, str]]:
    """The languages content may be written in (``WAGTAIL_CONTENT_LANGUAGES``), as choices."""
    return list(get_content_languages().items())


class ChannelText(Orderable):
    """A channel's name and description in a further language, for the frame of its mails and feeds in that
    language (the German ones are the channel's own)."""

    channel = ParentalKey(Channel, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("Sprache"), max_length=10, choices=content_languages)
    name = models.CharField(_("Name"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)

    panels = [FieldPanel("language"), FieldPanel("name"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("Kanal in einer weiteren Sprache")
        verbose_name_plural = _("Kanal in weiteren Sprachen")
        constraints = [
            models.UniqueConstraint(fields=["channel", "language"], name="one_channel_text_per_language")
        ]

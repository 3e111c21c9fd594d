"""The append-only consent log and the versioned consent texts it refers to.

Each event records what happened (requested, confirmed, …), when, on which channel, through which source and
under which consent-text version — exactly what a proof of consent (GDPR Art. 7(1), UWG §7) needs, and no
more: the client address is kept only for requests and confirmations, as the double opt-in proof requires.
"""

from collections.abc import Sequence

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ConsentTextQuerySet(models.QuerySet):
    def current(self) -> "ConsentText | None":
        """The version shown on sign-up forms now, if one is marked current."""
        return self.filter(is_current=True).first()


# Where a consent text names the channels: the sign-up form shows a neutral phrase there, the consent log
# stores the names of exactly the channels the person chose.
CHANNELS_PLACEHOLDER = "[Kanäle]"


class ConsentText(models.Model):
    """A version of the consent wording shown next to the consent checkbox.

    Once a version is referred to by the consent log it is evidence and must not change; a new wording is
    a new version (the admin form enforces this). ``CHANNELS_PLACEHOLDER`` in the text stands for the
    channels chosen, so that the stored proof names what the person agreed to and nothing more.
    """

    version = models.CharField(_("Version"), max_length=40, unique=True)
    text = models.TextField(_("Einwilligungstext"))
    translated_texts = models.JSONField(
        _("Wortlaut in weiteren Sprachen"),
        null=True,
        default=dict,
        blank=True,
        help_text=_(
            "Die Übersetzung dieser Fassung für Leserinnen und Leser jeder weiteren Sprache; leer: sie sehen "
            "den deutschen Wortlaut."
        ),
    )
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now, editable=False)
    is_current = models.BooleanField(_("Aktuell"), default=False)

    objects = ConsentTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einwilligungstext")
        verbose_name_plural = _("Einwilligungstexte")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_consent_text",
            )
        ]

    def __str__(self) -> str:
        return self.version

    def save(self, *args, **kwargs) -> None:
        """Saving a version as current retires the previous current one in the same transaction."""
        with transaction.atomic():
            if self.is_current:
                ConsentText.objects.filter(is_current=True).exclude(pk=self.pk).update(is_current=False)
            super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None) -> None:
        # save() retires the previous current version, so "one current version" is never violated by a
        # form that marks a new version current.
        super().validate_constraints(exclude={*(exclude or ()), "is_current"})

    @property
    def reader_text(self) -> str:
        """This version's wording in the active language: its translation, or the German text."""
        return (self.translated_texts or {}).get(get_language() or "", "") or self.text

    @property
    def form_text(self) -> str:
        """The wording as the sign-up form shows it, before anything is chosen."""
        return self.reader_text.replace(CHANNELS_PLACEHOLDER, str(_("die oben ausgewählten Newsletter")))

    def wording_for(self, channel_names: Sequence[str]) -> str:
        """The wording a person agreed to by choosing ``channel_names``, as the consent log keeps it."""
        names = [f"„{name}“" for name in channel_names]
        listed = "".join(names)
        if len(names) > 1:
            listed = _("%(first)s und %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
        if CHANNELS_PLACEHOLDER in self.reader_text:
            return self.reader_text.replace(CHANNELS_PLACEHOLDER, listed)
        chosen = _("Gewählt: %(channels)s") % {"channels": listed}
        return f"{self.reader_text}\n{chosen}"

    @property
    def is_used(self) -> bool:
        """Whether the consent log refers to this version (then its wording is evidence)."""
        return self.pk is not None and ConsentEvent.objects.filter(consent_text=self).exists()


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk updates: a log that can be rewritten proves nothing.

    The one sanctioned rewrite is ``anonymise``, which erasure (GDPR Art. 17) needs.
    """

    def update(self, **kwargs):
        raise TypeError("The consent log is append-only.")

    def anonymise(self) -> int:
        """Detach the events from their person: they remain as anonymous counts (what, when, channel).

        Removes the subscriber link, the address hash, the client address and the free-text detail.
        """
        return models.QuerySet.update(self, subscriber=None, email_hash="", ip_address=None, detail="")

    def forget_ip_addresses(self) -> int:
        """Remove the client addresses (the other sanctioned rewrite: their retention period ended)."""
        return models.QuerySet.update(self.exclude(ip_address=None), ip_address=None)


class ConsentEvent(models.Model):
    """One entry of the consent log."""

    class Event(models.TextChoices):
        REQUESTED = "requested", _("Anmeldung angefordert")
        CONFIRMED = "confirmed", _("Anmeldung bestätigt")
        GUARDIAN_CONFIRMED = "guardian_confirmed", _("Zustimmung der Eltern bestätigt")
        PREFERENCES_CHANGED = "preferences_changed", _("Einstellungen geändert")
        TRACKING_CONSENTED = "tracking_consented", _("Messung von Öffnungen und Klicks erlaubt")
        TRACKING_WITHDRAWN = "tracking_withdrawn", _("Messung von Öffnungen und Klicks widerrufen")
        UNSUBSCRIBED = "unsubscribed", _("Abgemeldet")
        IMPORTED = "imported", _("Importiert")
        BOUNCED = "bounced", _("Unzustellbar")
        COMPLAINED = "complained", _("Beschwerde")
        ERASED = "erased", _("Daten gelöscht")

    class Source(models.TextChoices):
        FORM = "form", _("Formular")
        API = "api", _("API")
        IMPORT = "import", _("Import")
        ADMIN = "admin", _("Verwaltung")
        EMAIL = "email", _("E-Mail (Abmeldelink/Provider)")
        RETENTION = "retention", _("Aufbewahrungsfrist abgelaufen")

    # Deleting a subscriber keeps their events as anonymous counts (see campaigns.signal_handlers).
    subscriber = models.ForeignKey(
        "campaigns.Subscriber",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consent_events",
    )
    email_hash = models.CharField(_("Adress-Hash"), max_length=64, db_index=True)
    event = models.CharField(_("Ereignis"), max_length=30, choices=Event.choices)
    channel = models.ForeignKey(
        "campaigns.Channel",
        verbose_name=_("Kanal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("Quelle"), max_length=20, choices=Source.choices)
    consent_text = models.ForeignKey(
        ConsentText,
        verbose_name=_("Einwilligungstext"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The consent text with the channels the person chose, as they agreed to it (``ConsentText.wording_for``).
    wording = models.TextField(_("Wortlaut der Einwilligung"), blank=True)
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    detail = models.CharField(_("Details"), max_length=300, blank=True)
    # The sign-up request an event belongs to, while it waits; a confirmation names the request event it
    # confirms, so that the proof cites the request that was confirmed, not a later one.
    signup_request = models.ForeignKey(
        "campaigns.SignupRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consent_events",
    )
    confirms = models.ForeignKey(
        "self",
        verbose_name=_("Bestätigt die Anfrage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einwilligungsereignis")
        verbose_name_plural = _("Einwilligungsprotokoll")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_event_display()} ({self.created_at:%d.%m.%Y %H:%M})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise TypeError("The consent log is append-only.")
        super().save(*args, **kwargs)

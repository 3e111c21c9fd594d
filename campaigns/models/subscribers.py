"""Subscribers and their per-channel subscriptions.

A subscriber is one normalised address with optional facets (role, municipality, grade bands, subjects,
interests, language) that decide which part of a newsletter they receive. Whether they receive a channel
at all is the status of their ``Subscription`` to it: only *active* subscriptions are ever mailed.
"""

import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.reader_languages import reader_languages
from page_types.translations import default_language


def new_token_key() -> str:
    """A random per-subscriber key that is part of every signed link; rotating it revokes old links."""
    return secrets.token_urlsafe(16)


class Role(models.TextChoices):
    STUDENT = "student", _("Schülerin/Schüler")
    TRAINEE = "trainee", _("Auszubildende/Studierende")
    PARENT = "parent", _("Elternteil")
    TEACHER = "teacher", _("Lehrkraft")
    RESIDENT = "resident", _("Bürgerin/Bürger")
    BUSINESS = "business", _("Unternehmen")
    PRESS = "press", _("Presse")
    OTHER = "other", _("Sonstiges")


class SubscriberQuerySet(models.QuerySet):
    def for_address(self, normalised_address: str) -> "SubscriberQuerySet":
        """The subscriber with this address in any spelling of the local part's case.

        Filters on ``LOWER(email)`` so that the functional unique index serves the lookup.
        """
        return self.alias(email_lower=Lower("email")).filter(email_lower=normalised_address.lower())


class Subscriber(models.Model):
    """A person who asked for one or more channels; holds the facets that select their content.

    The address is unique regardless of the local part's case: ``Max@example.org`` and ``max@example.org``
    are one mailbox in practice, and one person must not end up with two records and two consent histories.
    """

    email = models.EmailField(_("E-Mail-Adresse"), max_length=254, unique=True)
    name = models.CharField(_("Name"), max_length=120, blank=True)
    language = models.CharField(
        _("Sprache"), max_length=5, choices=reader_languages, default=default_language
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, blank=True)
    municipality = models.ForeignKey(
        "page_types.Municipality",
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    grade_bands = models.ManyToManyField(
        "page_types.GradeBand", verbose_name=_("Klassenstufen"), blank=True, related_name="+"
    )
    subjects = models.ManyToManyField(
        "page_types.MintSubject", verbose_name=_("MINT-Fächer"), blank=True, related_name="+"
    )
    interests = models.ManyToManyField(
        "page_types.Interest", verbose_name=_("Interessen"), blank=True, related_name="+"
    )
    # Replaced by ``interests`` (migration 0019); kept, unread, for the previous release during a rolling
    # upgrade until a contract migration drops it (tests/test_migration_safety.py).
    topics = models.ManyToManyField(
        "page_types.Topic", verbose_name=_("Themen"), blank=True, related_name="+"
    )
    mint_radius_km = models.PositiveSmallIntegerField(
        _("MINT-Angebote nur im Umkreis von (km)"),
        null=True,
        blank=True,
        help_text=_("Leer: Angebote aus dem ganzen Landkreis. Gilt nur mit angegebener Kommune."),
    )
    tracking_consent = models.BooleanField(_("Einwilligung in Öffnungs- und Klickmessung"), default=False)
    token_key = models.CharField(max_length=32, default=new_token_key, editable=False)
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)
    last_confirmation_sent_at = models.DateTimeField(
        _("Letzte Bestätigungsmail"), null=True, blank=True, editable=False
    )

    objects = SubscriberQuerySet.as_manager()

    # Kept out of Wagtail's reference index: otherwise a municipality's or interest's "usage" page would list
    # subscribers (by address) to any editor, and every sign-up would pay for the index update.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Abonnent/in")
        verbose_name_plural = _("Abonnent/innen")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="unique_subscriber_email_any_case")]
        permissions = [
            ("export_subscriber", _("Kann Abonnentendaten exportieren")),
            ("erase_subscriber", _("Kann Abonnentendaten löschen")),
            ("import_subscriber", _("Kann Abonnentendaten importieren")),
        ]

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    """A subscriber's status on one channel."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Unbestätigt")
        ACTIVE = "active", _("Aktiv")
        UNSUBSCRIBED = "unsubscribed", _("Abgemeldet")
        BOUNCED = "bounced", _("Unzustellbar")
        COMPLAINED = "complained", _("Beschwerde")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    channel = models.ForeignKey("campaigns.Channel", on_delete=models.CASCADE, related_name="subscriptions")
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("Bestätigt"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("Abgemeldet"), null=True, blank=True)
    deadline_reminders = models.BooleanField(
        _("Erinnerung vor Anmeldeschluss"), default=False, db_default=False
    )

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "channel"], name="unique_subscription_per_channel")
        ]
        indexes = [models.Index(fields=["channel", "status"])]

    def __str__(self) -> str:
        return f"{self.subscriber} – {self.channel} ({self.get_status_display()})"

"""Variants and deliveries: what a campaign renders, and the unit of exactly-once sending.

A **variant** is one rendering of a campaign: every recipient whose facets select the same pages (in the same
language) shares it, so MJML runs once per variant. Its HTML and text still hold personal placeholders
(``campaigns.rendering.personalise``) that are filled per recipient.

A **delivery** is one row per campaign and subscriber. A sending worker *claims* deliveries by writing its
lease token and an expiry into them; whatever it has not recorded as sent when the lease expires goes back
to the queue (``campaigns.sending.sweeper``). So a crash loses nobody and repeats at most the messages
that were in flight.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_web_key() -> str:
    """A random key that names a variant's web version: unguessable, unlike the variant's content key."""
    return secrets.token_urlsafe(24)


class Variant(models.Model):
    """One rendered version of a campaign, shared by all recipients with the same content."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="variants")
    key = models.CharField(_("Schlüssel"), max_length=64)
    language = models.CharField(_("Sprache"), max_length=5)
    page_ids = models.JSONField(_("Beiträge"), default=list)
    # The section of each page, in the order of ``page_ids`` (``campaigns.rendering.ranking.Group``); empty:
    # sections by content family.
    groups = models.JSONField(_("Abschnitte"), default=list, blank=True)
    # Whether the variant's recipients consented to measurement on a channel that allows it; only then
    # does its HTML carry personal redirect links and an open pixel (``campaigns.rendering.tracking``).
    tracked = models.BooleanField(_("Mit Messung"), default=False)
    # The destinations of a tracked variant's links, in link-number order: the redirect goes nowhere else.
    links = models.JSONField(_("Links"), default=list, blank=True)
    recipient_count = models.PositiveIntegerField(_("Empfänger"), default=0)
    # Names the variant's web version ("Im Browser ansehen"); random, because ``key`` follows from the
    # content and could be guessed.
    web_key = models.CharField(
        _("Schlüssel der Webfassung"),
        max_length=40,
        null=True,
        unique=True,
        default=new_web_key,
        editable=False,
    )
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Variante")
        verbose_name_plural = _("Varianten")
        ordering = ["-recipient_count", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "key"], name="unique_variant_key")]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.key[:8]}"


class Delivery(models.Model):
    """One campaign to one subscriber."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Wartend")
        SENDING = "sending", _("In Zustellung")
        SENT = "sent", _("Versendet")
        FAILED = "failed", _("Fehlgeschlagen")
        SKIPPED = "skipped", _("Übersprungen")
        CANCELLED = "cancelled", _("Abgebrochen")

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="deliveries")
    # Kept (without the person) when the subscriber is erased, so the campaign's figures stay right.
    subscriber = models.ForeignKey(
        "campaigns.Subscriber", null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    variant = models.ForeignKey(Variant, null=True, on_delete=models.SET_NULL, related_name="deliveries")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    # Messages handed to the mail server (or the ESP's API) for this delivery.
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    # Since when the delivery keeps failing for passing reasons; retries end ``CAMPAIGNS_RETRY_HORIZON``
    # after it.
    failing_since = models.DateTimeField(_("Fehlgeschlagen seit"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), default=timezone.now)
    lease_token = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True, db_index=True)
    error = models.CharField(_("Fehler"), max_length=500, blank=True)
    bounced = models.BooleanField(_("Unzustellbar gemeldet"), default=False)
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now)
    sent_at = models.DateTimeField(_("Versendet"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subscriber"], name="unique_delivery_per_subscriber")
        ]
        indexes = [
            models.Index(fields=["campaign", "status", "next_attempt_at"], name="delivery_claimable"),
            models.Index(fields=["lease_token"], name="delivery_lease"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.subscriber_id}: {self.get_status_display()}"

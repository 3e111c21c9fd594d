"""Outgoing webhooks: the front ends told about changes, and the log of every message sent to them.

A front end that renders pages ahead of time (static or incremental builds) registers an endpoint here and
revalidates what an event names instead of polling. Messages follow the Standard Webhooks specification
(``page_types.webhooks``); the secret has to be readable to sign each message, so it is stored as given and
shown to the operator once the endpoint is saved.
"""

import base64
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh signing secret in the specification's form: ``whsec_`` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


class WebhookEndpoint(models.Model):
    """A URL that receives the events it subscribes to, signed with its own secret."""

    name = models.CharField(_("Name"), max_length=120)
    url = models.URLField(_("Adresse"), max_length=500, help_text=_("Wohin die Ereignisse gesendet werden."))
    secret = models.CharField(
        _("Signaturschlüssel"),
        max_length=100,
        default=new_secret,
        editable=False,
        help_text=_("Damit prüft der Empfänger die Signatur jeder Nachricht (Standard Webhooks)."),
    )
    events = models.JSONField(_("Ereignisse"), default=list, blank=True)
    active = models.BooleanField(_("Aktiv"), default=True)
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Webhook")
        verbose_name_plural = _("Webhooks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def wants(self, event_type: str) -> bool:
        return self.active and event_type in self.events


class WebhookDelivery(models.Model):
    """One message to one endpoint: its fixed body and id, and the outcome of its latest attempt.

    The body and the ``webhook-id`` stay the same over retries, so a receiver can tell a repeat by its id.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Ausstehend")
        DELIVERED = "delivered", _("Zugestellt")
        FAILED = "failed", _("Fehlgeschlagen")

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("Webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    message_id = models.CharField(_("Nachrichten-ID"), max_length=40, unique=True)
    event_type = models.CharField(_("Ereignis"), max_length=60)
    body = models.TextField(_("Inhalt"))
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    response_status = models.PositiveSmallIntegerField(_("Antwort-Status"), null=True, blank=True)
    error = models.CharField(_("Fehler"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("Erzeugt"), default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(_("Letzter Versuch"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), null=True, blank=True)

    class Meta:
        verbose_name = _("Webhook-Zustellung")
        verbose_name_plural = _("Webhook-Zustellungen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint}"

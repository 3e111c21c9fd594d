"""Welcome mails: the one mail a reader gets when their subscription to a channel is confirmed.

One row per subscription, created in the transaction that activates it; the one-to-one key is what makes
the mail exactly-once: a second confirmation, a retried task or a re-subscription after leaving finds the
row and sends nothing. The row carries the sending state as a delivery does (``campaigns.welcome``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.deliveries import Delivery


class WelcomeMail(models.Model):
    """The welcome mail of one subscription and how its sending went, in the states and words of a
    delivery (the admin names both alike)."""

    Status = Delivery.Status

    subscription = models.OneToOneField(
        "campaigns.Subscription", on_delete=models.CASCADE, related_name="welcome_mail"
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    failing_since = models.DateTimeField(_("Fehlgeschlagen seit"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    error = models.CharField(_("Fehler"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now)
    sent_at = models.DateTimeField(_("Versendet"), null=True, blank=True)

    class Meta:
        verbose_name = _("Willkommensmail")
        verbose_name_plural = _("Willkommensmails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="welcome_mail_due")]

    def __str__(self) -> str:
        return f"{self.subscription_id}: {self.get_status_display()}"

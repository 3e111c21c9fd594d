"""Suppressions: addresses that must never be mailed again, stored only as a hash."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.addresses import email_hash


class SuppressionQuerySet(models.QuerySet):
    def is_suppressed(self, normalised_address: str) -> bool:
        return self.filter(email_hash=email_hash(normalised_address)).exists()


class Suppression(models.Model):
    """A hashed address with the reason it may not be mailed; survives the erasure of the subscriber."""

    class Reason(models.TextChoices):
        HARD_BOUNCE = "bounce", _("Unzustellbar")
        COMPLAINT = "complaint", _("Beschwerde")
        ERASED = "erased", _("Daten gelöscht")
        MANUAL = "manual", _("Manuell gesperrt")

    email_hash = models.CharField(_("Adress-Hash"), max_length=64, unique=True)
    reason = models.CharField(_("Grund"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now, editable=False)

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sperre")
        verbose_name_plural = _("Sperrliste")

    def __str__(self) -> str:
        return f"{self.email_hash[:12]}… ({self.get_reason_display()})"

    @classmethod
    def suppress(cls, normalised_address: str, reason: str) -> "Suppression":
        """Add the address to the list (idempotent; the first reason is kept)."""
        suppression, _created = cls.objects.get_or_create(
            email_hash=email_hash(normalised_address), defaults={"reason": reason}
        )
        return suppression

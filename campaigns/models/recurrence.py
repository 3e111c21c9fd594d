"""The occurrences of recurring channels that have been handled: an issue made, or a date skipped.

One row per channel and occurrence, unique in the database: whichever worker inserts it first makes the
issue, every other one finds it and does nothing (``campaigns.recurring_issues``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChannelOccurrence(models.Model):
    """A due date of a recurring channel: its issue, or none when fewer than ``min_items`` items were new."""

    channel = models.ForeignKey(
        "campaigns.Channel", verbose_name=_("Kanal"), on_delete=models.CASCADE, related_name="occurrences"
    )
    occurrence = models.DateTimeField(_("Termin"))
    campaign = models.OneToOneField(
        "campaigns.Campaign",
        verbose_name=_("Ausgabe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occurrence",
    )
    item_count = models.PositiveIntegerField(_("Neue Beiträge"), default=0)
    skipped = models.BooleanField(_("Ausgelassen"), default=False)
    created_at = models.DateTimeField(_("Bearbeitet"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Ausgabetermin")
        verbose_name_plural = _("Ausgabetermine")
        ordering = ["-occurrence"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "occurrence"], name="unique_issue_per_occurrence")
        ]

    def __str__(self) -> str:
        return f"{self.channel} – {timezone.localtime(self.occurrence):%d.%m.%Y %H:%M}"

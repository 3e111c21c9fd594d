"""Deadline reminders that were sent: one row per reader and MINT offer, so that none is sent twice."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeadlineReminder(models.Model):
    """A reader was reminded of an offer's registration deadline (``campaigns.reminders``)."""

    subscriber = models.ForeignKey(
        "campaigns.Subscriber", on_delete=models.CASCADE, related_name="deadline_reminders"
    )
    page = models.ForeignKey("page_types.ContentPage", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("Versendet"), default=timezone.now)

    # Kept out of Wagtail's reference index like subscribers: an offer's usage page lists no readers.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Erinnerung an einen Anmeldeschluss")
        verbose_name_plural = _("Erinnerungen an Anmeldeschlüsse")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "page"], name="unique_reminder_per_offer")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} ({timezone.localtime(self.sent_at):%d.%m.%Y})"

"""The installation's one sending state: the next free slot of the shared send rate, and the hold.

Every worker that sends a newsletter or a confirmation mail reserves its slot in this single row
(``campaigns.pacing``), so all issues and transactional mails together keep to ``CAMPAIGNS_SEND_RATE``,
however many workers on however many hosts send. The row also records when sending was last alive and
since when it is held (``campaigns.sending.hold``): a database restored from a backup wakes up held.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SendPace(models.Model):
    """The one row holding the time of the next free send slot."""

    next_slot = models.DateTimeField(_("Nächster freier Versandzeitpunkt"), default=timezone.now)
    alive_at = models.DateTimeField(_("Zuletzt aktiv"), null=True, blank=True)
    held_since = models.DateTimeField(_("Angehalten seit"), null=True, blank=True)

    class Meta:
        verbose_name = _("Versandtakt")
        verbose_name_plural = _("Versandtakt")

    def __str__(self) -> str:
        return str(self.next_slot)

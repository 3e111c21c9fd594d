"""The installation's one send pace: the next free slot of the shared send rate.

Every worker that sends a newsletter or a confirmation mail reserves its slot in this single row
(``campaigns.pacing``), so all issues and transactional mails together keep to ``CAMPAIGNS_SEND_RATE``,
however many workers on however many hosts send.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SendPace(models.Model):
    """The one row holding the time of the next free send slot."""

    next_slot = models.DateTimeField(_("Nächster freier Versandzeitpunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("Versandtakt")
        verbose_name_plural = _("Versandtakt")

    def __str__(self) -> str:
        return str(self.next_slot)

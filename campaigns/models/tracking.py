"""Opt-in measurement of opens and clicks: as little as a report needs, and only with consent.

A row says that one subscriber opened one campaign, or followed one of its links, when that first happened and
how often since — nothing else: no client address, no user agent, no time of every request. Rows exist only
for subscribers who consented on a channel that allows measurement (``campaigns.tracking.events``), and
they go with the subscriber: deleting or erasing a subscriber deletes their rows.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrackingEvent(models.Model):
    """One subscriber's opens of a campaign, or clicks on one of its links, counted."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Öffnung")
        CLICK = "click", _("Klick")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="tracking_events"
    )
    subscriber = models.ForeignKey(
        "campaigns.Subscriber", on_delete=models.CASCADE, related_name="tracking_events"
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    # The number of the link in the recipient's variant (``Variant.links``, from 1); 0 for an open.
    link = models.PositiveSmallIntegerField(_("Link"), default=0)
    first_at = models.DateTimeField(_("Erstmals"), default=timezone.now)
    count = models.PositiveIntegerField(_("Anzahl"), default=1)

    class Meta:
        verbose_name = _("Öffnung oder Klick")
        verbose_name_plural = _("Öffnungen und Klicks")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "subscriber", "kind", "link"], name="one_tracking_row_per_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.subscriber_id}: {self.get_kind_display()} {self.link}"

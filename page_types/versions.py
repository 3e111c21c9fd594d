"""The content version: one counter of changes to published content, shared by every process and host."""

import math
from datetime import UTC, datetime
from typing import Any

from django.db import models
from django.db.models import F
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ContentVersion(models.Model):
    """A counter of changes to what the content API, feeds and calendars show.

    Their ``ETag`` and ``Last-Modified`` come from this row (``page_types.caching``), so a publish,
    unpublish, move, privacy or vocabulary change makes every earlier response stale at once — also in the
    other web processes, which a per-process cache could not tell. ``page_types.signal_handlers`` bumps it.
    """

    SINGLETON_ID = 1

    counter = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Inhaltsstand")
        verbose_name_plural = _("Inhaltsstände")

    def __str__(self) -> str:
        return f"{self.counter} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def current(cls, **annotations: Any) -> "ContentVersion":
        """The current version (an unsaved zero version before the first change), with ``annotations`` read
        in the same query."""
        found = cls.objects.annotate(**annotations).filter(pk=cls.SINGLETON_ID).first()
        return found or cls(pk=cls.SINGLETON_ID, changed_at=EPOCH)

    @classmethod
    def bump(cls) -> None:
        """Record a change; one atomic ``UPDATE``, so concurrent changes are all counted."""
        if not cls.objects.filter(pk=cls.SINGLETON_ID).update(counter=F("counter") + 1, changed_at=Now()):
            cls.objects.get_or_create(pk=cls.SINGLETON_ID, defaults={"counter": 1})

    def last_modified(self, now: datetime | None = None) -> int | None:
        """A ``Last-Modified`` timestamp that no later change can share, or ``None`` when there is none yet.

        HTTP dates count whole seconds: the next full second after the change is used, and only once it has
        passed, so that a change later in the same second still yields a newer date.
        """
        if not self.counter:
            return None
        stamp = math.floor(self.changed_at.timestamp()) + 1
        return stamp if stamp <= (now or timezone.now()).timestamp() else None

"""One send rate for the whole installation, shared by every issue and every confirmation mail.

``CAMPAIGNS_SEND_RATE`` is the provider's limit, so it must hold however many issues are being sent and by
however many workers on however many hosts. Every message therefore takes a *slot* from the one
``SendPace`` row, under a row lock: slots are ``1 / rate`` seconds apart, so any window of a second holds at
most ``rate`` messages (a sliding window, not per-second buckets that allow double bursts at their edges).

Confirmation and link mails come first: they may reserve the next free slot however far ahead it lies and
wait for it, while a newsletter worker only takes a slot that is free *now* and otherwise waits and asks
again. A person waiting for their confirmation mail is thus served at the next slot, before any further
newsletter message, instead of queueing behind an issue of 100,000.
"""

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from campaigns import app_settings
from campaigns.models import SendPace


def reserve(interval: timedelta, now: datetime, *, priority: bool) -> tuple[bool, datetime]:
    """Try to take the next free slot: ``(True, its start)``, or ``(False, when to ask again)`` for a
    newsletter message when no slot is free at ``now``."""
    with transaction.atomic():
        pace, _created = SendPace.objects.select_for_update().get_or_create(pk=1, defaults={"next_slot": now})
        free = max(pace.next_slot, now)
        if free > now and not priority:
            return False, free
        pace.next_slot = free + interval
        pace.save(update_fields=["next_slot"])
    return True, free


class Pacer:
    """Waits before each message until the installation's send rate allows it (no wait for a rate of 0).

    ``priority`` is for mails a person is waiting for (confirmations, links); the clock and the sleep are
    injectable so that tests need not wait.
    """

    def __init__(
        self,
        *,
        priority: bool = False,
        clock: Callable[[], datetime] = timezone.now,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        rate = app_settings.send_rate()
        self.interval = timedelta(seconds=1.0 / rate) if rate > 0 else None
        self.priority = priority
        self.clock = clock
        self.sleep = sleep

    def wait(self) -> datetime | None:
        """Wait for this message's slot; return the slot's start (``None`` without a limit)."""
        if self.interval is None:
            return None
        while True:
            granted, at = reserve(self.interval, self.clock(), priority=self.priority)
            delay = (at - self.clock()).total_seconds()
            if delay > 0:
                self.sleep(delay)
            if granted:
                return at

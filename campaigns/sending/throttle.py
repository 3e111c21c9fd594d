"""Pacing: at most so many messages per second.

The setting caps all workers together, so each of the campaign's concurrent batch tasks takes an equal share;
a share is kept by sleeping until the next message's slot.
"""

import time
from collections.abc import Callable


class Throttle:
    """Spaces calls to ``wait`` at least ``1 / rate`` seconds apart (no limit for a rate of 0)."""

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.clock = clock
        self.sleep = sleep
        self.next_slot = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        now = self.clock()
        if self.next_slot > now:
            self.sleep(self.next_slot - now)
            now = self.next_slot
        self.next_slot = now + self.interval

"""A clock that tests move by hand, for code that takes ``clock=`` (defaults to ``timezone.now``)."""

from datetime import datetime, timedelta

from django.utils import timezone


class Clock:
    """Returns ``now`` when called; ``advance`` moves it forward, and may stand in for ``time.sleep``."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or timezone.now()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

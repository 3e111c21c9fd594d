"""The hold: after a restore (or a long silence) nothing is sent until an operator says so.

A database restored from a backup remembers issues that were being sent and one-off schedules that have
passed meanwhile; workers started on it would resume them at once and mail people who unsubscribed after
the backup. So every sweep and batch first asks ``is_held``: sending is held when it was marked so, or when
the state row says sending was last alive longer ago than ``CAMPAIGNS_HOLD_AFTER_SILENCE`` — as it does in
any backup once restored. The sweeper then marks the hold; ``manage.py resume_sending`` releases it (after
the operator re-applied the provider's suppressions, docs/OPERATIONS.md, section 11).
"""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from campaigns import app_settings
from campaigns.models import SendPace

logger = logging.getLogger(__name__)


def _state() -> SendPace:
    return SendPace.objects.select_for_update().get_or_create(pk=1)[0]


def is_held(now: datetime | None = None) -> bool:
    """Whether sending is held; otherwise record that it is alive at ``now``."""
    now = now or timezone.now()
    with transaction.atomic():
        state = _state()
        silent = state.alive_at is not None and now - state.alive_at > app_settings.hold_after_silence()
        if silent and state.held_since is None:
            state.held_since = now
            logger.error(
                "Sending held: nothing sent since %s (a restored backup?); run manage.py resume_sending",
                state.alive_at,
            )
        if state.held_since is None:
            state.alive_at = now
        state.save(update_fields=["alive_at", "held_since"])
        return state.held_since is not None


def hold(now: datetime | None = None) -> None:
    """Hold all sending now (an operator about to restore, or a test)."""
    with transaction.atomic():
        state = _state()
        state.held_since = state.held_since or now or timezone.now()
        state.save(update_fields=["held_since"])


def release(now: datetime | None = None) -> datetime | None:
    """End the hold; return since when it held (``None`` if it did not)."""
    with transaction.atomic():
        state = _state()
        since, state.held_since, state.alive_at = state.held_since, None, now or timezone.now()
        state.save(update_fields=["held_since", "alive_at"])
    return since

"""Claiming deliveries: each queued delivery goes to exactly one worker.

A claim marks up to *n* due deliveries as *sending* with a fresh lease token and an expiry, in one
transaction. On PostgreSQL the candidate rows are locked with ``FOR UPDATE SKIP LOCKED``, so concurrent
workers take different rows without waiting; on SQLite the transaction holds the database's write lock
(``transaction_mode=IMMEDIATE``), so claims simply follow one another. Either way the ``UPDATE`` repeats
the ``status = queued`` condition and the worker then works on exactly the rows that carry its token.
A claim is not an attempt: the batch counts one only when it hands the message to the server.
"""

import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from campaigns import app_settings
from campaigns.models import Delivery

Status = Delivery.Status


def claim(campaign_id: int, limit: int, now: datetime | None = None) -> str | None:
    """Claim up to ``limit`` deliveries of the campaign due at ``now``; return the lease token or ``None``."""
    token = uuid.uuid4().hex
    now = now or timezone.now()
    with transaction.atomic():
        candidates = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                campaign_id=campaign_id,
                status=Status.QUEUED,
                next_attempt_at__lte=now,
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        ids = list(candidates)
        if not ids:
            return None
        claimed = Delivery.objects.filter(pk__in=ids, status=Status.QUEUED).update(
            status=Status.SENDING,
            lease_token=token,
            claimed_until=now + timedelta(seconds=app_settings.lease_seconds()),
        )
    return token if claimed else None


def extend(token: str) -> int:
    """Renew the lease of the deliveries still held under ``token``; return how many that is."""
    until = timezone.now() + timedelta(seconds=app_settings.lease_seconds())
    return Delivery.objects.filter(lease_token=token, status=Status.SENDING).update(claimed_until=until)

"""The ``Date`` header of every mail the plugin sends: the moment in UTC, as RFC 5322 writes it (+0000).

Django writes ``-0000`` ("local offset unknown") unless ``EMAIL_USE_LOCALTIME`` is set, and older tools the
obsolete zone name ``GMT``; validators and spam filters flag both.
"""

from datetime import UTC, datetime
from email.utils import format_datetime

from django.utils import timezone


def mail_date(moment: datetime | None = None) -> str:
    """``moment`` (default: now) as a ``Date`` header value in UTC with ``+0000``."""
    return format_datetime((moment or timezone.now()).astimezone(UTC))

"""Work the public pages hand to a django-q2 worker: processing a sign-up, sending a confirmation or a link.

Only ids travel through the queue. With django-q2's ORM broker the task row is written in the caller's own
transaction — an outbox: the task exists exactly when what it is about does (and the broker opens no
connection of its own). Other brokers get the task after the commit, so a worker never looks for a row that
is not stored yet. With ``CAMPAIGNS_QUEUE_CONFIRMATION_MAILS`` off the task runs right after the commit.
"""

import logging
import smtplib

from django.db import transaction
from django.utils.module_loading import import_string
from django_q.conf import Conf
from django_q.tasks import async_task

from campaigns import app_settings

logger = logging.getLogger(__name__)
GROUP = "newsletter-confirmation"


def enqueue(task: str, *args: int) -> None:
    """Have ``task`` (a dotted path) run with ``args`` once the current transaction commits."""
    if not app_settings.queue_confirmation_mails():
        transaction.on_commit(lambda: run_now(task, *args))
    elif Conf.ORM:
        async_task(task, *args, group=GROUP)
    else:
        transaction.on_commit(lambda: async_task(task, *args, group=GROUP))


def run_now(task: str, *args: int) -> None:
    """Run ``task`` in this process; a mail server that cannot be reached is logged, not raised."""
    try:
        import_string(task)(*args)
    except (smtplib.SMTPException, OSError):
        # What was stored stays; the person can ask again once the cool-down has been lifted.
        logger.warning("%s%s could not send its mail", task, args, exc_info=True)

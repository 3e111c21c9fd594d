"""The double opt-in confirmation mail: neutral, plain text, with a signed link that expires.

It carries no advertising (a confirmation request with promotional content would itself need consent) and
no tracking. It is sent from a django-q2 worker by default, so the sign-up answer never waits for SMTP and
takes the same time whether or not a mail goes out; only the subscriber's id travels through the queue.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_q.conf import Conf
from django_q.tasks import async_task

from campaigns import app_settings
from campaigns.models import Subscriber, Subscription, Suppression
from campaigns.tokens import CONFIRM, CONFIRMATION_MAX_AGE, make_token

logger = logging.getLogger(__name__)

TASK = "campaigns.subscriptions.confirmation_mail.send_confirmation"


def absolute_url(path: str) -> str:
    """A path made absolute with the site's public base URL (mails have no request to take it from)."""
    return f"{app_settings.public_base_url()}{path}"


def queue_confirmation(subscriber_id: int) -> None:
    """Have the confirmation mail sent for a sign-up being stored in the current transaction.

    With django-q2's ORM broker the task row is written in that same transaction: an outbox, so the task
    exists exactly when the sign-up does (and the broker opens no connection of its own). Other brokers get
    the task after the commit, so a worker never looks for a sign-up that is not stored yet. Without
    queuing, the mail is sent right after the commit.
    """
    if not app_settings.queue_confirmation_mails():
        transaction.on_commit(lambda: _send_now(subscriber_id))
    elif Conf.ORM:
        async_task(TASK, subscriber_id, group="newsletter-confirmation")
    else:
        transaction.on_commit(lambda: async_task(TASK, subscriber_id, group="newsletter-confirmation"))


def _send_now(subscriber_id: int) -> None:
    try:
        send_confirmation(subscriber_id)
    except (smtplib.SMTPException, OSError):
        # The sign-up itself is stored; the person can ask again once the cool-down has been lifted.
        logger.warning("Confirmation mail for subscriber %s could not be sent", subscriber_id, exc_info=True)


def send_confirmation(subscriber_id: int) -> bool:
    """Send the confirmation mail for the subscriber's pending channels; return whether one was sent.

    Nothing is sent when the subscriber was erased, confirmed or suppressed in the meantime. A failed
    delivery lifts the cool-down so that a new sign-up can ask again, and re-raises for the worker's retry.
    """
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or Suppression.objects.is_suppressed(subscriber.email):
        return False
    channels = [
        subscription.channel
        for subscription in subscriber.subscriptions.select_related("channel").filter(
            status=Subscription.Status.PENDING
        )
    ]
    if not channels:
        return False
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "channels": channels,
            "confirm_url": absolute_url(
                reverse("newsletter:confirm", kwargs={"token": make_token(subscriber, CONFIRM)})
            ),
            "valid_until": timezone.localtime() + CONFIRMATION_MAX_AGE,
            "retention_days": app_settings.pending_retention().days,
        }
        subject = render_to_string("campaigns/subscriptions/email/confirmation_subject.txt", context).strip()
        body = render_to_string("campaigns/subscriptions/email/confirmation.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": subscriber.language},
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        Subscriber.objects.filter(pk=subscriber.pk).update(last_confirmation_sent_at=None)
        raise
    return True

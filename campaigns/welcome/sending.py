"""Sending welcome mails through the campaign engine's machinery, exactly once per subscription.

The mail is built as an issue's message is (``VariantMail`` with the channel's ``ListHeaders``, the
personal links of ``LinkBuilder``) and its failures are sorted by the engine's ``classify``: a refused
recipient fails it and suppresses the address, a refused message fails it, a passing failure (the mail
server down) retries it on the engine's back-off until ``CAMPAIGNS_RETRY_HORIZON``. A worker *claims* the
row before it sends, so two workers (a retried task, the schedule) never both send it; a worker that dies
while sending leaves its claim to expire, and ``send_due`` — the ``campaigns-welcome-mails`` schedule,
every minute — takes it up again, as it takes up every retry that fell due.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from campaigns import app_settings
from campaigns.models import Subscription, Suppression, WelcomeMail
from campaigns.pacing import Pacer
from campaigns.rendering.personalise import LinkBuilder
from campaigns.sending import backends, hold, retry
from campaigns.sending.headers import ListHeaders, recipient
from campaigns.sending.mime import PersonalMessage, VariantMail
from campaigns.subscriptions.outbox import enqueue
from campaigns.subscriptions.suppressions import record_bounce
from campaigns.welcome.content import render_welcome

logger = logging.getLogger(__name__)

SEND_TASK = "campaigns.welcome.sending.send_welcome"
#: Welcome mails one run of the schedule sends at most (the rest wait for the next minute).
DUE_PER_RUN = 200
Status = WelcomeMail.Status


def queue_welcome(subscription: Subscription) -> WelcomeMail | None:
    """Record the subscription's welcome mail and queue its sending; ``None`` if it has one already."""
    try:
        with transaction.atomic():
            welcome, created = WelcomeMail.objects.get_or_create(subscription=subscription)
    except IntegrityError:  # a concurrent confirmation recorded it first
        return None
    if not created:
        return None
    enqueue(SEND_TASK, welcome.pk)
    return welcome


def send_welcome(welcome_id: int, clock: Callable[[], datetime] = timezone.now) -> bool:
    """Send the welcome mail if it is due and nobody else is sending it; return whether it went out."""
    now = clock()
    if hold.is_held(now):
        return False
    claimed = WelcomeMail.objects.filter(
        pk=welcome_id, status=Status.QUEUED, next_attempt_at__lte=now
    ).update(status=Status.SENDING, claimed_until=now + timedelta(seconds=app_settings.lease_seconds()))
    if not claimed:
        return False
    welcome = WelcomeMail.objects.select_related("subscription__subscriber", "subscription__channel").get(
        pk=welcome_id
    )
    subscription = welcome.subscription
    if subscription.status != Subscription.Status.ACTIVE or Suppression.objects.is_suppressed(
        subscription.subscriber.email
    ):
        _finish(welcome, Status.SKIPPED, "")
        return False
    return _send(welcome, now)


def send_due(clock: Callable[[], datetime] = timezone.now) -> int:
    """Take up expired claims and send the welcome mails that are due; return how many went out."""
    now = clock()
    if hold.is_held(now):
        return 0
    WelcomeMail.objects.filter(status=Status.SENDING, claimed_until__lt=now).update(
        status=Status.QUEUED, claimed_until=None, failing_since=Coalesce("failing_since", Value(now))
    )
    due = WelcomeMail.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now).order_by(
        "next_attempt_at"
    )
    return sum(send_welcome(pk, clock) for pk in due.values_list("pk", flat=True)[:DUE_PER_RUN])


def build_message(welcome: WelcomeMail) -> PersonalMessage:
    """The reader's welcome message with the list headers and personal links of an issue's message."""
    subscriber, channel = welcome.subscription.subscriber, welcome.subscription.channel
    subject, rendered = render_welcome(subscriber, channel)
    list_headers = ListHeaders(channel)
    mail = VariantMail.build(
        subject=subject,
        from_email=app_settings.from_email(),
        headers=list_headers.static(),
        html=rendered.html,
        text=rendered.text,
    )
    links = LinkBuilder(channel)
    unsubscribe_url = links.unsubscribe_url(subscriber)
    return mail.message(
        to=recipient(subscriber.email, subscriber.name),
        message_id=list_headers.message_id(f"welcome.{welcome.pk}.{welcome.attempts}"),
        list_unsubscribe=list_headers.list_unsubscribe(unsubscribe_url),
        personal=links.personal(subscriber, unsubscribe_url),
    )


def _send(welcome: WelcomeMail, now: datetime) -> bool:
    address = welcome.subscription.subscriber.email
    try:
        message = build_message(welcome)
        Pacer(priority=True).wait()
        welcome.attempts += 1
        with get_connection(fail_silently=False) as connection:
            backends.send(
                connection, message, ListHeaders(welcome.subscription.channel).envelope_sender, address
            )
    except Exception as error:  # sorted by classify(), as the engine sorts a delivery's failure
        failure = backends.classify(error)
        logger.warning("Welcome mail %s failed: %s", welcome.pk, failure.detail)
    else:
        failure = backends.rejected_by_esp(message)
        if failure is None:
            welcome.message_id = backends.provider_message_id(message, message.extra_headers["Message-ID"])
            welcome.sent_at = now
            _finish(welcome, Status.SENT, "")
            return True
    if failure.final:
        _finish(welcome, Status.FAILED, failure.detail)
        if failure.suppresses:
            record_bounce(address, detail=failure.detail)
        return False
    welcome.failing_since = welcome.failing_since or now
    next_attempt_at = retry.next_attempt(welcome.failing_since, now)
    if next_attempt_at is None:
        _finish(welcome, Status.FAILED, failure.detail)
    else:
        welcome.next_attempt_at = next_attempt_at
        _finish(welcome, Status.QUEUED, failure.detail)
    return False


def _finish(welcome: WelcomeMail, status: str, error: str) -> None:
    welcome.status = status
    welcome.error = error[:500]
    welcome.claimed_until = None
    welcome.save(
        update_fields=[
            "status",
            "error",
            "claimed_until",
            "attempts",
            "failing_since",
            "next_attempt_at",
            "message_id",
            "sent_at",
        ]
    )

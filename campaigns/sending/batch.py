"""One batch: claim deliveries, send them over one connection, record the results in bulk.

Results are written every ``CAMPAIGNS_RECORD_EVERY`` messages (and at the end), together with a renewal of
the lease; a worker that dies between two writes leaves its unrecorded messages *sending* until the lease
expires, and the sweeper queues them again. That is the whole crash story: nobody is lost, and only the
messages sent since the last write can go out twice. At each write the batch also checks that the campaign
is still being sent (pause, cancel) and that it still holds its lease; if not, it stops and gives back
what it has not sent.

Each recipient's failure stays theirs: whatever goes wrong while one message is built or sent fails or
defers that delivery only, and the batch goes on. An attempt is counted only when a message is handed to
the server. Transient failures are retried with growing waits until ``CAMPAIGNS_RETRY_HORIZON`` after the
first one; failures that are not the recipient's fault feed the issue's error streak (``streak``).
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import app_settings
from campaigns.addresses import email_hash
from campaigns.models import Campaign, Delivery, Subscription, Suppression
from campaigns.pacing import Pacer
from campaigns.rendering.personalise import LinkBuilder
from campaigns.sending import backends, claim, headers, hold, retry, streak
from campaigns.sending.backends import Failure, Kind, classify, provider_message_id, rejected_by_esp
from campaigns.sending.mime import VariantMail
from campaigns.sending.variant_cache import variant_mails
from campaigns.subscriptions.suppressions import record_bounce
from campaigns.tracking.events import is_measured

logger = logging.getLogger(__name__)

Status = Delivery.Status
RECORDED_FIELDS = [
    "status",
    "attempts",
    "next_attempt_at",
    "lease_token",
    "claimed_until",
    "failing_since",
    "message_id",
    "error",
    "sent_at",
    "bounced",
]


@dataclass
class BatchResult:
    """What one batch did; ``claimed`` 0 means there was nothing (due) to send."""

    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    released: int = 0


def batch_size() -> int:
    """The batch size, small enough that a throttled batch ends well within the task timeout."""
    size = app_settings.batch_size()
    rate = app_settings.send_rate()
    if rate:
        timeout = settings.Q_CLUSTER.get("timeout", 300)
        size = min(size, max(1, int(rate / app_settings.concurrency() * timeout / 2)))
    return size


def send_batch(campaign_id: int, clock: Callable[[], datetime] = timezone.now) -> BatchResult:
    """Claim and send one batch of the campaign, if it is being sent and has due deliveries.

    ``clock`` gives the time that decides what is due and when a retry falls due (tests move it).
    """
    campaign = Campaign.objects.select_related("channel").get(pk=campaign_id)
    if not campaign.is_active or hold.is_held():
        return BatchResult()
    token = claim.claim(campaign_id, batch_size(), clock())
    if token is None:
        return BatchResult()
    return Batch(campaign, token, clock).run()


class Batch:
    """The deliveries claimed under one lease token, and their results until they are written."""

    def __init__(self, campaign: Campaign, token: str, clock: Callable[[], datetime] = timezone.now) -> None:
        self.campaign = campaign
        self.token = token
        self.clock = clock
        self.headers = headers.ListHeaders(campaign.channel)
        self.deliveries = list(
            Delivery.objects.filter(lease_token=token, status=Status.SENDING)
            .select_related("subscriber")
            .order_by("pk")
        )
        self.result = BatchResult(claimed=len(self.deliveries))
        self.done: list[Delivery] = []
        self.bounced: list[tuple[str, str]] = []
        # Since the last write, in order, for the error streak: True sent, False not the reader's fault.
        self.outcomes: list[bool] = []
        self.last_write = time.monotonic()

    def run(self) -> BatchResult:
        try:
            self._send(self._eligible())
        finally:
            self._write()
        return self.result

    def _eligible(self) -> list[Delivery]:
        """Skip those who unsubscribed, were suppressed or erased since the campaign was frozen."""
        subscriber_ids = [d.subscriber_id for d in self.deliveries if d.subscriber_id]
        active = set(
            Subscription.objects.filter(
                channel_id=self.campaign.channel_id,
                status=Subscription.Status.ACTIVE,
                subscriber_id__in=subscriber_ids,
            ).values_list("subscriber_id", flat=True)
        )
        hashes = {d.pk: email_hash(d.subscriber.email) for d in self.deliveries if d.subscriber_id}
        suppressed = set(
            Suppression.objects.filter(email_hash__in=list(hashes.values())).values_list(
                "email_hash", flat=True
            )
        )
        eligible = []
        for delivery in self.deliveries:
            if delivery.subscriber_id in active and hashes[delivery.pk] not in suppressed:
                eligible.append(delivery)
            else:
                self._finish(delivery, Status.SKIPPED, _("Abgemeldet, gesperrt oder gelöscht"))
                self.result.skipped += 1
        return eligible

    def _send(self, deliveries: list[Delivery]) -> None:
        if not deliveries:
            return
        mails = variant_mails(self.campaign, {d.variant_id for d in deliveries})
        links = LinkBuilder(self.campaign.channel)
        pacer = Pacer()
        connection = get_connection(fail_silently=False)
        failure = _open(connection)
        if failure:
            self._retry_all(deliveries, failure)
            return
        try:
            for index, delivery in enumerate(deliveries):
                if self._write_due() and not self._checkpoint():
                    self._release(deliveries[index:])
                    return
                pacer.wait()
                failure = self._send_one(connection, mails[delivery.variant_id], links, delivery)
                if failure and failure.connection_lost and (lost := _reopen(connection)):
                    self._retry_all(deliveries[index + 1 :], lost)
                    return
        finally:
            connection.close()

    def _send_one(
        self, connection, mail: VariantMail, links: LinkBuilder, delivery: Delivery
    ) -> Failure | None:
        try:
            message, message_id = self._build(mail, links, delivery)
            delivery.attempts += 1
            backends.send(connection, message, self.headers.envelope_sender, delivery.subscriber.email)
        except Exception as error:  # this recipient's failure alone, sorted by classify()
            failure = classify(error)
            if not failure.connection_lost:
                backends.end_transaction(connection)
            if failure.kind is Kind.MESSAGE:
                logger.warning(
                    "Delivery %s failed: %s",
                    delivery.pk,
                    error.__class__.__name__,
                    exc_info=True,
                    extra={"campaign_id": self.campaign.pk},
                )
        else:
            failure = rejected_by_esp(message)
            if failure is None:
                delivery.message_id = provider_message_id(message, message_id)
                self._finish(delivery, Status.SENT, "")
                self.outcomes.append(True)
                self.result.sent += 1
                return None
        if failure.final:
            self._fail(delivery, failure)
        else:
            self._retry(delivery, failure)
        return failure

    def _build(self, mail: VariantMail, links: LinkBuilder, delivery: Delivery):
        """The recipient's message and its ``Message-ID``."""
        subscriber = delivery.subscriber
        if mail.tracked and not is_measured(self.campaign.channel, subscriber):
            # Consent withdrawn (or measurement switched off) since the campaign was frozen.
            mail = variant_mails(self.campaign, {delivery.variant_id}, measured=False)[delivery.variant_id]
        unsubscribe_url = links.unsubscribe_url(subscriber)
        message_id = self._message_id(delivery.pk)
        message = mail.message(
            to=headers.recipient(subscriber.email, subscriber.name),
            message_id=message_id,
            list_unsubscribe=self.headers.list_unsubscribe(unsubscribe_url),
            personal=links.personal(subscriber, unsubscribe_url, self.campaign.pk if mail.tracked else None),
        )
        return message, message_id

    def _fail(self, delivery: Delivery, failure: Failure) -> None:
        """A final failure; only a refused recipient suppresses the address."""
        self._finish(delivery, Status.FAILED, failure.detail)
        if failure.suppresses:
            delivery.bounced = True
            self.bounced.append((delivery.subscriber.email, failure.detail))
        else:
            self.outcomes.append(False)
        self.result.failed += 1

    def _retry(self, delivery: Delivery, failure: Failure) -> None:
        """Try again later, after as long as the delivery has been failing (at least ``retry_delay``, at most
        ``retry_max_delay``); past the horizon the delivery fails."""
        now = self.clock()
        since = delivery.failing_since = delivery.failing_since or now
        next_attempt_at = retry.next_attempt(since, now)
        self.outcomes.append(False)
        if next_attempt_at is None:
            detail = _("Seit %(hours)s Stunden nicht zustellbar: %(error)s") % {
                "hours": round((now - since).total_seconds() / 3600, 1),
                "error": failure.detail,
            }
            self._finish(delivery, Status.FAILED, detail)
            self.result.failed += 1
            return
        delivery.next_attempt_at = next_attempt_at
        self._finish(delivery, Status.QUEUED, failure.detail)
        self.result.retried += 1

    def _retry_all(self, deliveries: list[Delivery], failure: Failure) -> None:
        """Defer deliveries that were not tried because the server could not be reached: one failure of
        the streak, not one per delivery."""
        for delivery in deliveries:
            self._retry(delivery, failure)
        del self.outcomes[len(self.outcomes) - len(deliveries) + 1 :]

    def _release(self, deliveries: list[Delivery]) -> None:
        """Give back deliveries that were claimed but not tried (pause, cancel, lost lease)."""
        cancelled = Campaign.objects.filter(pk=self.campaign.pk, status=Campaign.Status.CANCELLED).exists()
        for delivery in deliveries:
            self._finish(delivery, Status.CANCELLED if cancelled else Status.QUEUED, delivery.error)
            self.result.released += 1

    def _finish(self, delivery: Delivery, status: str, error: str) -> None:
        delivery.status = status
        delivery.error = error[:500]
        delivery.lease_token = ""
        delivery.claimed_until = None
        self.done.append(delivery)

    def _write_due(self) -> bool:
        return len(self.done) >= app_settings.record_every() or (
            time.monotonic() - self.last_write > app_settings.lease_seconds() / 3
        )

    def _checkpoint(self) -> bool:
        """Write the results; return whether the batch may go on (campaign active, lease still held)."""
        self._write()
        held = claim.extend(self.token)
        expected = sum(1 for d in self.deliveries if d.status == Status.SENDING)
        active = Campaign.objects.filter(pk=self.campaign.pk, status=Campaign.Status.SENDING, paused=False)
        return held == expected and active.exists()

    def _write(self) -> None:
        """Record the results so far, then suppress the addresses that bounced.

        Sent deliveries whose ``Message-ID`` is the one derived from their id and the lease token (any
        SMTP send) are recorded by one plain ``UPDATE``; the rest (ESP message ids, failures, retries) by
        one ``bulk_update``, whose per-row ``CASE`` costs far more to build.
        """
        now = timezone.now()
        sent = [d.pk for d in self.done if d.status == Status.SENT and d.message_id == self._message_id(d.pk)]
        if sent:
            Delivery.objects.filter(pk__in=sent, lease_token=self.token).update(
                status=Status.SENT,
                sent_at=now,
                # Each was handed to the server once in this batch (the count is not in this UPDATE else).
                attempts=F("attempts") + 1,
                error="",
                lease_token="",
                claimed_until=None,
                message_id=Concat(
                    Value("<"), Cast("pk", CharField()), Value(f".{self.token}@{self.headers.domain}>")
                ),
            )
        recorded = set(sent)
        others = [d for d in self.done if d.pk not in recorded]
        for delivery in others:
            if delivery.status == Status.SENT:
                delivery.sent_at = now
        if others:
            Delivery.objects.filter(lease_token=self.token).bulk_update(others, RECORDED_FIELDS)
        self.done = []
        for address, detail in self.bounced:
            record_bounce(address, detail=detail)
        self.bounced = []
        streak.record(self.campaign.pk, self.outcomes)
        self.outcomes = []
        self.last_write = time.monotonic()

    def _message_id(self, delivery_id: int) -> str:
        return self.headers.message_id(f"{delivery_id}.{self.token}")


def _open(connection) -> Failure | None:
    """Open the connection; whatever keeps it from opening (unreachable, refused login) is passing."""
    try:
        connection.open()
    except Exception as error:  # sorted by classify(), and retried whatever it is
        return Failure(Kind.TRANSIENT, True, classify(error).detail)
    return None


def _reopen(connection) -> Failure | None:
    """Open a fresh connection after a lost one; the failure when the server stays unreachable."""
    try:
        connection.close()
    except Exception:  # the old connection is gone either way
        logger.debug("Closing a lost SMTP connection failed", exc_info=True)
    return _open(connection)

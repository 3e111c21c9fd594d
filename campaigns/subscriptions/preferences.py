"""The preference centre and unsubscribing: changes a subscriber makes through a signed link from a mail.

Holding a fresh link (``CAMPAIGNS_PREFERENCE_LINK_DAYS``) proves control of the mailbox, so channels the
person never had start at once (with the consent text shown on the page), and channels removed here end at
once. A channel the person once left needs a new confirmation by mail: a forwarded newsletter must not
bring back what its reader turned off. Unsubscribing is idempotent and as easy as signing up (UWG §7, GDPR
Art. 7(3) and 21); leaving every channel ends every link mailed before.
"""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import (
    Channel,
    ConsentEvent,
    ConsentText,
    SignupRequest,
    Subscriber,
    Subscription,
    Suppression,
    TrackingEvent,
)
from campaigns.models.subscribers import new_token_key
from campaigns.subscriptions.confirmation_mail import SEND_TASK
from campaigns.subscriptions.consent_log import record
from campaigns.subscriptions.facets import Facets
from campaigns.subscriptions.outbox import enqueue
from campaigns.subscriptions.signup import register

Event = ConsentEvent.Event
Status = Subscription.Status
RECEIVING = (Status.ACTIVE, Status.PENDING)

# What a person agrees to when they allow measurement: shown in the preference centre and logged with the
# grant (at most 300 characters, the consent log's limit for details).
TRACKING_CONSENT_TEXT = gettext_lazy(
    "Ja, die Wirtschaftsförderung darf messen, ob ich einen Newsletter öffne und welche Links darin ich "
    "anklicke – je Ausgabe das erste Mal und wie oft, ohne IP-Adresse und Gerätedaten –, um die Newsletter "
    "zu verbessern. Widerruf jederzeit hier."
)


def unsubscribe(
    subscriber: Subscriber,
    channel: Channel | None = None,
    *,
    source: str,
    detail: str = "",
) -> list[Channel]:
    """End the subscription to ``channel`` (all channels when ``None``); return the channels ended.

    Pending requests end as well (and the sign-up requests waiting for them), so an old confirmation
    link can no longer activate them. Once nothing is left, the subscriber's key changes: every link mailed
    before stops working. No client address is logged: a withdrawal needs no proof of who asked (and
    one-click requests come from the mail provider, not the person).
    """
    now = timezone.now()
    ended = []
    with transaction.atomic():
        subscriptions = (
            Subscription.objects.select_for_update()
            .select_related("channel")
            .filter(subscriber=subscriber, status__in=RECEIVING)
        )
        if channel is not None:
            subscriptions = subscriptions.filter(channel=channel)
        for subscription in subscriptions:
            subscription.status = Status.UNSUBSCRIBED
            subscription.unsubscribed_at = now
            subscription.save(update_fields=["status", "unsubscribed_at"])
            record(
                subscriber,
                Event.UNSUBSCRIBED,
                source=source,
                channel=subscription.channel,
                detail=detail,
            )
            ended.append(subscription.channel)
        for waiting in SignupRequest.objects.filter(subscriber=subscriber):
            if channel is None or channel.pk in waiting.channel_ids:
                waiting.delete()
        if not subscriber.subscriptions.filter(status__in=RECEIVING).exists():
            subscriber.token_key = new_token_key()
            subscriber.save(update_fields=["token_key"])
    return ended


def set_tracking_consent(subscriber: Subscriber, consent: bool, *, source: str) -> bool:
    """Give or withdraw consent to open and click measurement; return whether it changed.

    Each change is logged: a grant with the wording the person agreed to (GDPR Art. 7(1)), a withdrawal
    as such (Art. 7(3)). It takes effect at once, for mails already sent as well
    (``campaigns.tracking.events`` checks consent at each open and click). A withdrawal also deletes what
    was measured: consent was its only legal basis (Art. 17(1)(b)).
    """
    if subscriber.tracking_consent == consent:
        return False
    with transaction.atomic():
        subscriber.tracking_consent = consent
        subscriber.save(update_fields=["tracking_consent", "updated_at"])
        if consent:
            record(subscriber, Event.TRACKING_CONSENTED, source=source, detail=str(TRACKING_CONSENT_TEXT))
        else:
            TrackingEvent.objects.filter(subscriber=subscriber).delete()
            record(subscriber, Event.TRACKING_WITHDRAWN, source=source)
    return True


def set_deadline_reminders(subscriber: Subscriber, wanted: bool, *, source: str) -> bool:
    """Ask for (or stop) "Erinnerung vor Anmeldeschluss" on the channels that offer it; whether it changed."""
    changed = (
        subscriber.subscriptions.filter(channel__offers_reminders=True, status__in=RECEIVING)
        .exclude(deadline_reminders=wanted)
        .update(deadline_reminders=wanted)
    )
    if changed:
        detail = _("Erinnerung vor Anmeldeschluss: %(state)s") % {"state": _("an") if wanted else _("aus")}
        record(subscriber, Event.PREFERENCES_CHANGED, source=source, detail=detail)
    return bool(changed)


def new_channels(subscriber: Subscriber, channels: Sequence[Channel]) -> list[Channel]:
    """The ``channels`` the subscriber does not receive yet."""
    active = set(subscriber.subscriptions.filter(status=Status.ACTIVE).values_list("channel_id", flat=True))
    return [channel for channel in channels if channel.pk not in active]


def update_preferences(
    subscriber: Subscriber,
    facets: Facets,
    channels: Sequence[Channel],
    *,
    source: str,
    consent_text: ConsentText | None = None,
    ip_address: str | None = None,
    tracking_consent: bool | None = None,
    deadline_reminders: bool | None = None,
) -> list[Channel]:
    """Store new facets and make ``channels`` the ones the person receives; return those that wait for
    the confirmation by mail.

    Channels not in ``channels`` end; new ones need ``consent_text`` (the wording the person agreed to on
    the page) and start at once — except those the person once left, which wait for a confirmation by mail.
    A suppressed address gets no new channel. ``tracking_consent`` gives or withdraws consent to
    measurement, ``deadline_reminders`` asks for reminders or stops them (``None`` leaves either as it is).
    """
    added = new_channels(subscriber, channels)
    if added and consent_text is None:
        raise ValueError("Adding channels needs the consent text the person agreed to.")
    wanted = {channel.pk for channel in channels}
    now = timezone.now()
    with transaction.atomic():
        changed = facets.apply_to(subscriber)
        if changed:
            record(subscriber, Event.PREFERENCES_CHANGED, source=source, detail=", ".join(changed))
        if tracking_consent is not None:
            set_tracking_consent(subscriber, tracking_consent, source=source)
        for subscription in subscriber.subscriptions.select_related("channel").filter(status__in=RECEIVING):
            if subscription.channel_id not in wanted:
                unsubscribe(subscriber, subscription.channel, source=source)
        if Suppression.objects.is_suppressed(subscriber.email):
            return []
        left = set(
            subscriber.subscriptions.filter(status=Status.UNSUBSCRIBED).values_list("channel_id", flat=True)
        )
        returning = [channel for channel in added if channel.pk in left]
        if returning:
            _ask_to_return(
                subscriber, returning, source=source, consent_text=consent_text, ip_address=ip_address
            )
        starting = [channel for channel in added if channel.pk not in left]
        for channel in starting:
            subscription, _created = Subscription.objects.get_or_create(
                subscriber=subscriber, channel=channel
            )
            subscription.status = Status.ACTIVE
            subscription.confirmed_at = now
            subscription.unsubscribed_at = None
            subscription.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
            record(
                subscriber,
                Event.CONFIRMED,
                source=source,
                channel=channel,
                consent_text=consent_text,
                ip_address=ip_address,
                detail=_("über die Einstellungsseite (signierter Link aus einer E-Mail)"),
                chosen=starting,
            )
        if deadline_reminders is not None:
            set_deadline_reminders(subscriber, deadline_reminders, source=source)
    return returning


def _ask_to_return(
    subscriber: Subscriber,
    channels: Sequence[Channel],
    *,
    source: str,
    consent_text: ConsentText,
    ip_address: str | None,
) -> None:
    """Channels the person left come back only through a confirmation mail, like a new sign-up."""
    request = SignupRequest.objects.create(
        email=subscriber.email,
        channel_ids=[channel.pk for channel in channels],
        facets=Facets.of(subscriber).as_slugs(),
        consent_text=consent_text,
        source=source,
        ip_address=ip_address,
    )
    if register(request.pk):
        enqueue(SEND_TASK, request.pk)

"""Deadline reminders ("Erinnerung vor Anmeldeschluss"): the daily ``campaigns-deadline-reminders`` schedule.

Readers of a channel that offers reminders (``Channel.offers_reminders``) may ask for them in the preference
centre (``Subscription.deadline_reminders``). Once a day each of them gets at most one short mail listing
the channel's MINT offers whose registration deadline lies within ``CAMPAIGNS_REMINDER_DAYS_BEFORE`` days,
that still take registrations (neither full nor cancelled, the deadline not passed, dates still ahead),
whose page did not switch reminders off, and that fit the reader: the channel rule selects the candidates
(``campaigns.selection``) and the reader's ranking decides, as in an issue (offers that are only "Weitere
Angebote" for the reader do not fit).

As the engine's mails do, a reminder carries the list headers with one-click unsubscribe, and no suppressed
address is mailed. Each (reader, offer) is recorded in the transaction that sends the mail, under a unique
constraint: a reader is reminded of an offer once, even with two workers; a failed send records nothing, so
the next day tries again.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from campaigns import app_settings
from campaigns.mail_date import mail_date
from campaigns.models import Channel, DeadlineReminder, Subscriber, Subscription
from campaigns.pacing import Pacer
from campaigns.rendering.content import NewsletterItem, absolute, newsletter_items
from campaigns.rendering.personalise import LinkBuilder, salutation
from campaigns.rendering.ranking import Group
from campaigns.rendering.variants import ranking_for, readers, unsuppressed_ids
from campaigns.selection import select_content
from campaigns.sending.headers import ListHeaders, recipient
from page_types.models import MintOccurrence, MintOfferPage, RegistrationStatus

logger = logging.getLogger(__name__)
TEMPLATES = "campaigns/reminders"


@dataclass(frozen=True)
class Offer:
    """A remindable offer as the mail shows it."""

    item: NewsletterItem
    deadline: date
    registration_url: str


def remindable_offers(channel: Channel, now: datetime) -> dict[int, Offer]:
    """The channel's offers whose deadline is near and that still take registrations, by page id."""
    today = timezone.localdate(now)
    ahead = MintOccurrence.objects.filter(page=OuterRef("pk")).filter(
        Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
    )
    dated = MintOccurrence.objects.filter(page=OuterRef("pk"))
    offers = MintOfferPage.objects.filter(
        pk__in=select_content(channel).values("pk"),
        registration_deadline__gte=today,
        registration_deadline__lte=today + timedelta(days=app_settings.reminder_days_before()),
        registration_status=RegistrationStatus.OPEN,
        send_reminders=True,
    ).filter(Q(ongoing=True) | Exists(ahead) | ~Exists(dated))
    rows = offers.values_list("pk", "registration_deadline", "registration_url")
    details = {pk: (deadline, url) for pk, deadline, url in rows}
    items = newsletter_items(sorted(details, key=lambda pk: (details[pk][0], pk)))
    return {item.page_id: Offer(item, *details[item.page_id]) for item in items}


def fitting(channel: Channel, offers: dict[int, Offer]) -> dict[int, list[int]]:
    """For each reader who asked for reminders and may be mailed: the ids of the offers that fit them."""
    asked = Subscription.objects.filter(
        subscriber=OuterRef("pk"),
        channel=channel,
        status=Subscription.Status.ACTIVE,
        deadline_reminders=True,
    )
    subscribers = Subscriber.objects.filter(Exists(asked))
    allowed = unsuppressed_ids(subscribers)
    items = [offer.item for offer in offers.values()]
    result: dict[int, list[int]] = {}
    reach: dict[str | None, frozenset[int]] = {}
    for subscriber_id, reader in readers(subscribers.filter(pk__in=allowed)).items():
        ranking = ranking_for(items, reader, channel, reach)
        fits = [pk for pk, group in zip(ranking.page_ids, ranking.groups, strict=True) if group != Group.MORE]
        if fits:
            result[subscriber_id] = fits
    return result


def send_due_reminders(now: datetime | None = None) -> int:
    """Send today's reminders of every channel that offers them; return how many mails went out."""
    now = now or timezone.now()
    # Past deadlines are never reminded of: what was recorded for them is no longer needed (minimisation).
    closed = MintOfferPage.objects.filter(registration_deadline__lt=timezone.localdate(now))
    DeadlineReminder.objects.filter(page__in=closed.values("pk")).delete()
    wanted: dict[int, tuple[Channel, dict[int, Offer]]] = {}
    for channel in Channel.objects.filter(offers_reminders=True):
        offers = remindable_offers(channel, now)
        if not offers:
            continue
        for subscriber_id, page_ids in fitting(channel, offers).items():
            # One mail a day: a reader of two such channels gets the first channel's mail with all offers.
            _first, known = wanted.setdefault(subscriber_id, (channel, {}))
            known.update({pk: offers[pk] for pk in page_ids})
    sent = 0
    for subscriber_id, (channel, offers) in wanted.items():
        sent += _remind(Subscriber.objects.get(pk=subscriber_id), channel, offers, now)
    return sent


def _remind(subscriber: Subscriber, channel: Channel, offers: dict[int, Offer], now: datetime) -> bool:
    """Record and send one reader's reminder of the offers not reminded before; whether a mail went out."""
    try:
        with transaction.atomic():
            new = [
                offer
                for pk, offer in offers.items()
                if DeadlineReminder.objects.get_or_create(
                    subscriber=subscriber, page_id=pk, defaults={"sent_at": now}
                )[1]
            ]
            if not new:
                return False
            message = _message(subscriber, channel, new)
            Pacer().wait()
            message.send()
    except OSError:  # smtplib's errors included: nothing is recorded, tomorrow's run tries again
        logger.warning("Reminder to subscriber %s could not be sent", subscriber.pk, exc_info=True)
        return False
    return True


def _message(subscriber: Subscriber, channel: Channel, offers: list[Offer]) -> EmailMultiAlternatives:
    headers = ListHeaders(channel)
    links = LinkBuilder(channel)
    unsubscribe_url = links.unsubscribe_url(subscriber)
    personal = links.personal(subscriber, unsubscribe_url)
    context = {
        "channel": channel,
        "offers": offers,
        "salutation": salutation(subscriber.name, subscriber.language),
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": personal.preferences_url,
        "language": subscriber.language,
        "imprint": app_settings.imprint().splitlines(),
        "imprint_url": absolute(app_settings.imprint_url()),
    }
    with translation.override(subscriber.language):
        subject = render_to_string(f"{TEMPLATES}/reminder_subject.txt", context)
        text = render_to_string(f"{TEMPLATES}/reminder.txt", context)
        html = render_to_string(f"{TEMPLATES}/reminder.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=app_settings.from_email(),
        to=[recipient(subscriber.email, subscriber.name)],
        headers={
            **headers.static(),
            "Content-Language": subscriber.language,
            "List-Unsubscribe": headers.list_unsubscribe(unsubscribe_url),
            "Message-ID": headers.message_id(),
            "Date": mail_date(),
        },
    )
    message.attach_alternative(html, "text/html")
    return message

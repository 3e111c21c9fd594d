"""What a welcome mail says: the channel, how often it sends, and the current items that fit the reader.

It is rendered like an issue (``CampaignRenderer``, an unsaved issue of the channel whose introduction is
the welcome text), so it has the issue's frame, personal links and footer; the items are the current items
that fit the reader (``campaigns.rendering.fitting``), at most ``WELCOME_ITEMS``.
"""

from datetime import datetime, timedelta

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns import recurrence
from campaigns.models import Campaign, Channel, Subscriber
from campaigns.models.channels import DEFAULT_WELCOME_SUBJECT
from campaigns.rendering.campaign import CampaignRenderer, RenderedVariant
from campaigns.rendering.fitting import current_pages, rank_current, reader_of

WELCOME_ITEMS = 5
RHYTHM_PERIOD = timedelta(days=365)


def welcome_subject(channel: Channel, language: str) -> str:
    """The channel's welcome subject with its name in it; the default one in the reader's language."""
    with translation.override(language):
        wording = _(DEFAULT_WELCOME_SUBJECT) if channel.welcome_subject == DEFAULT_WELCOME_SUBJECT else None
    return (wording or channel.welcome_subject).replace("{kanal}", channel.name)


def rhythm(channel: Channel, now: datetime | None = None) -> str:
    """How often the channel sends, in words (in the active language): its recurring schedule and next
    date when it has one, else what it sent over the last year."""
    now = now or timezone.now()
    coming = recurrence.upcoming(channel.recurrence, now, 1) if channel.recurrence else []
    if coming:
        moment = recurrence.local(coming[0])
        return _("Die nächste Ausgabe erscheint am %(date)s um %(time)s Uhr.") % {
            "date": formats.date_format(moment),
            "time": formats.time_format(moment, "H:i"),
        }
    started = sorted(
        Campaign.objects.filter(
            channel=channel, status=Campaign.Status.SENT, started_at__gte=now - RHYTHM_PERIOD
        ).values_list("started_at", flat=True)
    )
    if len(started) < 2:
        return _("Eine neue Ausgabe erscheint, sobald es genug Neues gibt.")
    days = (started[-1] - started[0]).days / (len(started) - 1)
    if days < 45:
        weeks = max(1, round(days / 7))
        return ngettext(
            "Eine neue Ausgabe erscheint etwa jede Woche.",
            "Eine neue Ausgabe erscheint etwa alle %(count)s Wochen.",
            weeks,
        ) % {"count": weeks}
    months = round(days / 30)
    return ngettext(
        "Eine neue Ausgabe erscheint etwa jeden Monat.",
        "Eine neue Ausgabe erscheint etwa alle %(count)s Monate.",
        months,
    ) % {"count": months}


def render_welcome(subscriber: Subscriber, channel: Channel) -> tuple[str, RenderedVariant]:
    """The subject and the rendered mail (with personal placeholders) of the reader's welcome."""
    reader = reader_of(subscriber)
    candidates = current_pages(channel)
    subject = welcome_subject(channel, reader.language)
    with translation.override(reader.language):
        intro = render_to_string(
            "campaigns/welcome/intro.html",
            {"channel": channel, "rhythm": rhythm(channel), "has_candidates": bool(candidates)},
        )
    renderer = CampaignRenderer(Campaign(channel=channel, subject=subject, intro=intro), candidates)
    ranking = rank_current(renderer, reader, WELCOME_ITEMS)
    return subject, renderer.render(ranking.page_ids, reader.language, groups=ranking.groups)

"""Figures of a campaign for the progress view and the report, and the report's small SVG chart.

Opens and clicks are reported for measured recipients only — those who consented, on a channel that allows
measurement — and as shares of them, never of all recipients: nobody else's behaviour is known.

The chart is a few ``<rect>`` elements drawn on the server: no chart library, no script, nothing loaded
from elsewhere, and it reads the same without colour (every bar is labelled with its number).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Delivery, Subscription, TrackingEvent, Variant
from campaigns.sending.backends import ENHANCED_STATUS, RECIPIENT_STATUS

Status = Delivery.Status
BAR_COLOURS = {
    Status.SENT: "#1b6b3a",
    Status.FAILED: "#a51d2d",
    Status.SKIPPED: "#5e6b78",
    Status.CANCELLED: "#5e6b78",
    Status.QUEUED: "#0b4f9c",
    Status.SENDING: "#0b4f9c",
}


def status_counts(campaign: Campaign) -> dict[str, int]:
    """Deliveries by status (every status present, zero when none)."""
    counts = dict(
        Delivery.objects.filter(campaign=campaign).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return {status: counts.get(status, 0) for status in Status.values}


@dataclass(frozen=True)
class Report:
    sent: int
    failed: int
    bounced: int
    skipped: int
    unsubscribed_since: int
    total: int


def report(campaign: Campaign) -> Report:
    counts = status_counts(campaign)
    deliveries = Delivery.objects.filter(campaign=campaign)
    unsubscribed = 0
    if campaign.started_at:
        left = Subscription.objects.filter(
            channel_id=campaign.channel_id,
            status=Subscription.Status.UNSUBSCRIBED,
            unsubscribed_at__gte=campaign.started_at,
            subscriber=OuterRef("subscriber"),
        )
        unsubscribed = deliveries.filter(status=Status.SENT).filter(Exists(left)).count()
    return Report(
        sent=counts[Status.SENT],
        failed=counts[Status.FAILED],
        bounced=deliveries.filter(bounced=True).count(),
        skipped=counts[Status.SKIPPED],
        unsubscribed_since=unsubscribed,
        total=sum(counts.values()),
    )


# How the engine words a delivery it gave up retrying (``sending.batch``, ``sending.sweeper``), in the site's
# language the workers run in.
GAVE_UP = ("nicht zustellbar", "Wiederholungsfrist abgelaufen")


@dataclass(frozen=True)
class Reason:
    """Deliveries of one outcome (failed or skipped) for one reason, said in words."""

    status: str
    words: str
    count: int


def reasons(campaign: Campaign) -> list[Reason]:
    """Failed and skipped deliveries grouped by their reason in words, most frequent first."""
    rows = (
        Delivery.objects.filter(campaign=campaign, status__in=[Status.FAILED, Status.SKIPPED])
        .values_list("status", "error")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counted: Counter[tuple[str, str]] = Counter()
    for status, error, count in rows:
        counted[(status, failure_in_words(error) if status == Status.FAILED else error)] += count
    labels = dict(Status.choices)
    return [
        Reason(str(labels[status]), words or _("ohne Angabe"), count)
        for (status, words), count in sorted(counted.items(), key=lambda row: (row[0][0], -row[1]))
    ]


def failure_in_words(error: str) -> str:
    """What a stored delivery error means for the editor, from the RFC 3463 code or the engine's own words."""
    enhanced = ENHANCED_STATUS.search(error.split(" ", 1)[-1]) if error[:3].isdigit() else None
    code = enhanced.group(1) if enhanced else ""
    if RECIPIENT_STATUS.match(code) or (not code and error[:3] in {"550", "551", "553"}):
        return _("Die Adresse gibt es nicht oder sie ist stillgelegt (Adresse gesperrt)")
    if code == "5.2.2":
        return _("Postfach voll")
    if code == "5.3.4":
        return _("Nachricht zu groß")
    if code.startswith("5.7."):
        return _("Vom Empfangsserver aus Richtliniengründen abgelehnt (z. B. Spamschutz, Absender)")
    if error.startswith("Vom Versanddienst abgelehnt"):
        return _("Vom Versanddienst abgelehnt (Adresse gesperrt)")
    if any(marker in error for marker in GAVE_UP):
        return _("Über längere Zeit nicht erreichbar: Wiederholungsfrist abgelaufen")
    return _("Sonstiger Fehler: %(error)s") % {"error": error[:120]}


def percent(count: int, total: int) -> float:
    return count / total * 100 if total else 0.0


@dataclass(frozen=True)
class LinkClicks:
    url: str
    clicked: int
    share: float


@dataclass(frozen=True)
class Measurement:
    """Unique opens and clicks among the measured recipients (those the campaign was sent to, tracked)."""

    recipients: int
    opened: int
    clicked: int
    links: tuple[LinkClicks, ...]

    @property
    def opened_share(self) -> float:
        return percent(self.opened, self.recipients)

    @property
    def clicked_share(self) -> float:
        return percent(self.clicked, self.recipients)


def measurement(campaign: Campaign) -> Measurement | None:
    """The campaign's opens and clicks per link among measured recipients; ``None`` if it measured nobody.

    Measured recipients are those the campaign was sent to in a tracked variant who still consent: a
    withdrawal deletes a person's figures, so they leave the denominator too. Link numbers belong to a
    variant, so each click is resolved to its destination through the recipient's variant, and a
    destination shared by several variants is counted once per person.
    """
    sent = Delivery.objects.filter(
        campaign=campaign,
        status=Status.SENT,
        variant__tracked=True,
        subscriber__tracking_consent=True,
    )
    variant_of = dict(sent.values_list("subscriber_id", "variant_id"))
    if not variant_of:
        return None
    links_of = dict(Variant.objects.filter(campaign=campaign, tracked=True).values_list("pk", "links"))
    opened: set[int] = set()
    clickers: dict[str, set[int]] = defaultdict(set)
    rows = TrackingEvent.objects.filter(campaign=campaign).values_list("subscriber_id", "kind", "link")
    for subscriber_id, kind, link in rows:
        links = links_of.get(variant_of.get(subscriber_id), [])
        if kind == TrackingEvent.Kind.OPEN and subscriber_id in variant_of:
            opened.add(subscriber_id)
        elif 1 <= link <= len(links):
            clickers[links[link - 1]].add(subscriber_id)
    recipients = len(variant_of)
    per_link = sorted(clickers.items(), key=lambda item: (-len(item[1]), item[0]))
    return Measurement(
        recipients=recipients,
        opened=len(opened),
        clicked=len(set().union(*clickers.values())),
        links=tuple(LinkClicks(url, len(who), percent(len(who), recipients)) for url, who in per_link),
    )


def bar_chart(rows: list[tuple[str, int, str]], title: str, width: int = 480) -> SafeString:
    """A horizontal bar chart of ``(label, value, colour)`` rows as inline SVG with a title for readers."""
    top = max([value for _label, value, _colour in rows] + [1])
    row_height, label_width = 28, 170
    bars = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="0" y="18" font-size="14">{}</text>'
        '<rect x="{}" y="4" height="18" width="{}" fill="{}"></rect>'
        '<text x="{}" y="18" font-size="14">{}</text></g>',
        (
            (
                index * row_height,
                label,
                label_width,
                round(value / top * (width - label_width - 60)),
                colour,
                label_width + round(value / top * (width - label_width - 60)) + 6,
                value,
            )
            for index, (label, value, colour) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg role="img" aria-labelledby="chart-title" width="{}" height="{}" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title>{}</svg>',
        width,
        len(rows) * row_height,
        width,
        len(rows) * row_height,
        title,
        bars,
    )

"""Segmented rendering: recipients whose pages are ranked alike share one variant.

Each reader's facets (municipality, grade bands, subjects, interests, radius) rank the issue's pages
(``campaigns.rendering.ranking.rank``); readers with equal facets are ranked once, so planning costs one pass
over the distinct facet combinations, not over the recipients. An interest a reader chose stands for the
editorial topics it gathers and their sub-topics. Readers with the same pages, sections, language and
measurement share one variant.

Whether a reader's mail is measured is part of the variant too: a reader is *tracked* only when the
channel allows measurement and they consented, and tracked readers get variants of their own, so that no
other reader's mail holds a measured link or a pixel.
"""

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from itertools import groupby, islice
from operator import itemgetter

from django.db.models import Exists, OuterRef, QuerySet

from campaigns.addresses import email_hash
from campaigns.models import Campaign, Channel, Subscriber, Subscription, Suppression, Variant
from campaigns.rendering.content import NewsletterItem
from campaigns.rendering.ranking import Group, Ranking, Reader, SkipReason, rank
from page_types.models import ContentPage, Interest, Municipality

# Hashes per query: below SQLite's limit on query parameters.
CHUNK = 900
# Rows fetched at a time where every recipient is read.
READ_CHUNK = 2000


@dataclass
class VariantPlan:
    """The pages, sections, language and measurement of one variant and the subscribers who get it."""

    key: str
    language: str
    page_ids: tuple[int, ...]
    tracked: bool = False
    subscriber_ids: list[int] = field(default_factory=list)
    groups: tuple[Group, ...] = ()

    def variant(self, campaign: Campaign, **rendered) -> Variant:
        """The (unsaved) ``Variant`` of this plan; ``rendered`` may give its HTML, text and time."""
        return Variant(
            campaign=campaign,
            key=self.key,
            language=self.language,
            page_ids=list(self.page_ids),
            groups=[str(group) for group in self.groups],
            tracked=self.tracked,
            recipient_count=len(self.subscriber_ids),
            **rendered,
        )


def recipients(campaign: Campaign) -> QuerySet[Subscriber]:
    """Subscribers with an active subscription to the campaign's channel, narrowed by its audience."""
    active = Subscription.objects.filter(
        subscriber=OuterRef("pk"), channel_id=campaign.channel_id, status=Subscription.Status.ACTIVE
    )
    subscribers = Subscriber.objects.filter(Exists(active))
    if campaign.audience_id:
        subscribers = subscribers.filter(pk__in=campaign.audience.subscribers().values("pk"))
    return subscribers


def unsuppressed_ids(subscribers: QuerySet[Subscriber]) -> set[int]:
    """The ids of the subscribers whose address is not on the suppression list, read in chunks so that
    only the ids are kept, not every address and its hash."""
    result: set[int] = set()
    rows = subscribers.values_list("pk", "email").iterator(chunk_size=CHUNK)
    while chunk := {pk: email_hash(address) for pk, address in islice(rows, CHUNK)}:
        hashes = Suppression.objects.filter(email_hash__in=list(chunk.values())).values_list("email_hash")
        suppressed = {digest for (digest,) in hashes}
        result.update(pk for pk, digest in chunk.items() if digest not in suppressed)
    return result


def readers(subscribers: QuerySet[Subscriber], tracking_enabled: bool = False) -> dict[int, Reader]:
    """The facets of the given subscribers, read in four queries whatever their number.

    ``tracking_enabled`` is the channel's switch: without it no reader is tracked, whatever they consented.
    Equal facets are one object, shared by every reader who has them: a campaign's readers hold a few
    hundred distinct facet sets, so the memory of the result grows by one reference per reader.
    """
    gathered = Interest.objects.topic_slugs()
    ids = subscribers.values("pk")
    shared: dict = {}
    terms: dict[str, dict[int, frozenset[str]]] = {}
    for relation in ("grade_bands", "subjects", "interests"):
        descriptor = getattr(Subscriber, relation)
        target = descriptor.field.m2m_reverse_field_name()
        rows = (
            descriptor.through.objects.filter(subscriber_id__in=ids)
            .order_by("subscriber_id")
            .values_list("subscriber_id", f"{target}__slug")
            .iterator(chunk_size=READ_CHUNK)
        )
        terms[relation] = {
            pk: _shared(shared, frozenset(slug for _pk, slug in group))
            for pk, group in groupby(rows, key=itemgetter(0))
        }
    result = {}
    rows = (
        Subscriber.objects.filter(pk__in=ids)
        .values_list("pk", "language", "municipality__slug", "tracking_consent", "mint_radius_km")
        .iterator(chunk_size=READ_CHUNK)
    )
    for pk, language, municipality, consent, radius in rows:
        interests = terms["interests"].get(pk, ())
        reader = Reader(
            language=language,
            municipalities=frozenset([municipality] if municipality else []),
            subjects=terms["subjects"].get(pk, frozenset()),
            grade_bands=terms["grade_bands"].get(pk, frozenset()),
            topics=_shared(shared, frozenset().union(*(gathered[slug] for slug in interests))),
            tracked=tracking_enabled and consent,
            mint_radius_km=radius,
        )
        result[pk] = _shared(shared, reader)
    return result


def _shared(shared: dict, value):
    """The one object equal to ``value`` among those seen so far (``value`` itself the first time)."""
    return shared.setdefault(value, value)


def reachable_pages(page_ids: Collection[int], municipality: str | None) -> frozenset[int]:
    """Which of these pages reach a person of ``municipality`` (none: a person who named none)."""
    towns = Municipality.objects.filter(slug=municipality) if municipality else Municipality.objects.none()
    pages = ContentPage.objects.filter(pk__in=page_ids).reaching(towns)
    return frozenset(pages.values_list("pk", flat=True))


def ranking_for(
    items: list[NewsletterItem],
    reader: Reader,
    channel: Channel,
    reach: dict[str | None, frozenset[int]] | None = None,
) -> Ranking:
    """The reader's ranking of the items under the channel's radius and cap; ``reach`` caches which pages
    reach each municipality across calls."""
    reach = {} if reach is None else reach
    if reader.home not in reach:
        reach[reader.home] = reachable_pages([item.page_id for item in items], reader.home)
    return rank(
        items, reader, reachable=reach[reader.home], nearby_km=channel.nearby_km, max_items=channel.max_items
    )


def plan_variants(
    items: list[NewsletterItem], readers_by_id: dict[int, Reader], channel: Channel
) -> tuple[list[VariantPlan], dict[int, SkipReason]]:
    """Group the readers by their ranked pages and sections, language and measurement, largest group first.

    Readers for whom an issue with content has nothing at all are returned apart with the reason (second
    value): only a page's local reach or the reader's own radius can leave them without anything. An issue
    without pages goes to everybody.
    """
    skipped: dict[int, SkipReason] = {}
    reach: dict[str | None, frozenset[int]] = {}
    rankings: dict[Reader, Ranking] = {}
    plans: dict[str, VariantPlan] = {}
    for subscriber_id, reader in readers_by_id.items():
        profile = replace(reader, language="", tracked=False)
        if profile not in rankings:
            rankings[profile] = ranking_for(items, reader, channel, reach)
        ranking = rankings[profile]
        if ranking.skipped:
            skipped[subscriber_id] = ranking.skipped
            continue
        key = variant_key(reader.language, ranking.page_ids, reader.tracked, ranking.groups)
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = VariantPlan(
                key, reader.language, ranking.page_ids, reader.tracked, groups=ranking.groups
            )
        plan.subscriber_ids.append(subscriber_id)
    return sorted(plans.values(), key=lambda plan: (-len(plan.subscriber_ids), plan.key)), skipped


def variant_key(
    language: str, page_ids: tuple[int, ...], tracked: bool = False, groups: tuple[str, ...] = ()
) -> str:
    """A stable name of a variant's content, sections and measurement (keys without sections and
    measurement are those of before)."""
    name = f"{language}:{','.join(map(str, page_ids))}{':tracked' if tracked else ''}"
    if groups:
        name += f":{','.join(groups)}"
    return hashlib.sha256(name.encode()).hexdigest()[:32]

"""Segmented rendering: recipients whose facets select the same pages share one variant.

A reader's facets (municipality, grade bands, subjects, topics, language) are matched against each page's
``AudienceFacets``; readers with equal facets are matched once, so planning costs one pass over the distinct
facet combinations, not over the recipients. A topic a reader chose includes its sub-topics, as it does in
the channel rule.

Whether a reader's mail is measured is part of the variant too: a reader is *tracked* only when the
channel allows measurement and they consented, and tracked readers get variants of their own, so that no
other reader's mail holds a measured link or a pixel.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from campaigns.addresses import email_hash
from campaigns.models import Campaign, Subscriber, Subscription, Suppression, Variant
from campaigns.rendering.content import NewsletterItem
from page_types.models import Topic

# Hashes per query: below SQLite's limit on query parameters.
CHUNK = 900


@dataclass(frozen=True)
class Reader:
    """The facets of a subscriber that decide which pages they get, as term slugs."""

    language: str
    municipalities: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    grade_bands: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    tracked: bool = False

    def wants(self, item: NewsletterItem) -> bool:
        return item.facets.matches(
            municipalities=self.municipalities,
            subjects=self.subjects,
            grade_bands=self.grade_bands,
            topics=self.topics,
        )


@dataclass
class VariantPlan:
    """The pages, language and measurement of one variant and the subscribers who get it."""

    key: str
    language: str
    page_ids: tuple[int, ...]
    tracked: bool = False
    subscriber_ids: list[int] = field(default_factory=list)

    def variant(self, campaign: Campaign, **rendered) -> Variant:
        """The (unsaved) ``Variant`` of this plan; ``rendered`` may give its HTML, text and time."""
        return Variant(
            campaign=campaign,
            key=self.key,
            language=self.language,
            page_ids=list(self.page_ids),
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
    """The ids of the subscribers whose address is not on the suppression list."""
    hashes = {pk: email_hash(address) for pk, address in subscribers.values_list("pk", "email")}
    digests = list(hashes.values())
    suppressed: set[str] = set()
    for start in range(0, len(digests), CHUNK):
        chunk = digests[start : start + CHUNK]
        suppressed.update(
            Suppression.objects.filter(email_hash__in=chunk).values_list("email_hash", flat=True)
        )
    return {pk for pk, digest in hashes.items() if digest not in suppressed}


def readers(subscribers: QuerySet[Subscriber], tracking_enabled: bool = False) -> dict[int, Reader]:
    """The facets of the given subscribers, read in four queries whatever their number.

    ``tracking_enabled`` is the channel's switch: without it no reader is tracked, whatever they consented.
    """
    children: dict[str, set[str]] = defaultdict(set)
    for slug, parent_slug in Topic.objects.filter(parent__isnull=False).values_list("slug", "parent__slug"):
        children[parent_slug].add(slug)
    ids = subscribers.values("pk")
    terms: dict[str, dict[int, set[str]]] = {}
    for relation in ("grade_bands", "subjects", "topics"):
        descriptor = getattr(Subscriber, relation)
        target = descriptor.field.m2m_reverse_field_name()
        by_subscriber: dict[int, set[str]] = defaultdict(set)
        rows = descriptor.through.objects.filter(subscriber_id__in=ids).values_list(
            "subscriber_id", f"{target}__slug"
        )
        for pk, slug in rows:
            by_subscriber[pk].add(slug)
        terms[relation] = by_subscriber
    result = {}
    for pk, language, municipality, consent in Subscriber.objects.filter(pk__in=ids).values_list(
        "pk", "language", "municipality__slug", "tracking_consent"
    ):
        topics = terms["topics"].get(pk, set())
        result[pk] = Reader(
            language=language,
            municipalities=frozenset([municipality] if municipality else []),
            subjects=frozenset(terms["subjects"].get(pk, ())),
            grade_bands=frozenset(terms["grade_bands"].get(pk, ())),
            topics=frozenset(topics.union(*(children[slug] for slug in topics))),
            tracked=tracking_enabled and consent,
        )
    return result


def plan_variants(
    items: list[NewsletterItem], readers_by_id: dict[int, Reader]
) -> tuple[list[VariantPlan], list[int]]:
    """Group the readers by the pages they get (in campaign order) and their language, largest group first.

    Readers for whom a campaign with content has nothing are returned apart (second value): a mail with only
    the editorial would tell them nothing that fits them. A campaign without pages goes to everybody.
    """
    unmatched: list[int] = []
    pages_for: dict[Reader, tuple[int, ...]] = {}
    plans: dict[str, VariantPlan] = {}
    for subscriber_id, reader in readers_by_id.items():
        if reader not in pages_for:
            pages_for[reader] = tuple(item.page_id for item in items if reader.wants(item))
        page_ids = pages_for[reader]
        if items and not page_ids:
            unmatched.append(subscriber_id)
            continue
        key = variant_key(reader.language, page_ids, reader.tracked)
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = VariantPlan(key, reader.language, page_ids, reader.tracked)
        plan.subscriber_ids.append(subscriber_id)
    return sorted(plans.values(), key=lambda plan: (-len(plan.subscriber_ids), plan.key)), unmatched


def variant_key(language: str, page_ids: tuple[int, ...], tracked: bool = False) -> str:
    """A stable name of a variant's content and measurement (untracked keys are those of before)."""
    name = f"{language}:{','.join(map(str, page_ids))}{':tracked' if tracked else ''}"
    return hashlib.sha256(name.encode()).hexdigest()[:32]

"""What the dispatch page says about an issue before anyone opens a preview: its items with how many
readers get each, who gets what, and each variant named by a reader it stands for.

Everything here comes from the plan (or, once frozen, from the stored variants and deliveries); no variant is
rendered, so the page costs the same whether an issue has four variants or forty.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min
from django.utils.translation import gettext as _

from campaigns.admin.coverage import Coverage, coverage
from campaigns.models import Campaign, Delivery, Subscriber, Variant
from campaigns.rendering.content import SECTIONS, NewsletterItem, newsletter_items
from campaigns.sending import freeze


@dataclass(frozen=True)
class ItemRow:
    """One item of the issue: its page, its section and how many readers find it in their mail."""

    page_id: int
    title: str
    section: str
    url: str
    readers: int


@dataclass(frozen=True)
class Overview:
    variants: list[Variant]
    coverage: Coverage | None
    items: list[ItemRow]
    profiles: dict[str, str]


def overview(campaign: Campaign) -> Overview:
    """The issue's variants (planned from live data before it is frozen, stored after), coverage, items and
    variant profiles."""
    if campaign.prepared_at:
        variants = list(campaign.variants.all())
        items = newsletter_items(list(campaign.frozen_page_ids or []))
        first = dict(
            Delivery.objects.filter(campaign=campaign, variant__isnull=False)
            .values_list("variant_id")
            .annotate(first=Min("subscriber_id"))
            .order_by()
        )
        representatives = {v.key: first.get(v.pk) for v in variants}
        reach = None
    else:
        renderer, plans, skipped = freeze.plan(campaign)
        variants = [plan.variant(campaign) for plan in plans]
        items = renderer.items
        representatives = {plan.key: plan.subscriber_ids[0] for plan in plans if plan.subscriber_ids}
        reach = coverage(plans, skipped)
    return Overview(variants, reach, item_rows(items, variants), profiles(representatives))


def item_rows(items: list[NewsletterItem], variants: list[Variant]) -> list[ItemRow]:
    """The items in newsletter order, each with the number of readers whose variant holds it."""
    readers: dict[int, int] = defaultdict(int)
    for variant in variants:
        for page_id in variant.page_ids:
            readers[page_id] += variant.recipient_count
    return [
        ItemRow(item.page_id, item.title, str(SECTIONS.get(item.family, "")), item.url, readers[item.page_id])
        for item in items
    ]


def profiles(representatives: dict[str, int | None]) -> dict[str, str]:
    """Each variant key named by the facets of one of its readers, e.g. "Asperg · Klasse 5–7 · Informatik"."""
    subscribers = Subscriber.objects.filter(pk__in=[pk for pk in representatives.values() if pk])
    by_pk = {
        subscriber.pk: subscriber
        for subscriber in subscribers.select_related("municipality").prefetch_related(
            "grade_bands", "subjects", "interests"
        )
    }
    return {
        key: describe(by_pk[pk]) if pk in by_pk else _("ohne Angaben") for key, pk in representatives.items()
    }


def describe(subscriber: Subscriber) -> str:
    """A reader's facets in a few words: municipality (and radius), grade bands, subjects, interests."""
    parts = []
    if subscriber.municipality:
        place = subscriber.municipality.name
        if subscriber.mint_radius_km:
            place = _("%(place)s, MINT bis %(km)s km") % {"place": place, "km": subscriber.mint_radius_km}
        parts.append(place)
    for terms in (subscriber.grade_bands.all(), subscriber.subjects.all(), subscriber.interests.all()):
        names = sorted(term.name for term in terms)
        if names:
            parts.append(", ".join(names))
    return " · ".join(parts) or _("ohne Angaben")

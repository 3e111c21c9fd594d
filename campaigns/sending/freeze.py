"""Freezing a campaign: its content, its variants (rendered once each) and one delivery per recipient.

All of it happens in one transaction, so a campaign is either fully prepared or not at all: a worker that
dies while preparing leaves nothing half-done, and the sweeper simply prepares it again.
"""

from itertools import chain, islice

from django.db import transaction
from django.utils import timezone

from campaigns.archive.links import web_version_url
from campaigns.models import Campaign, Delivery, Variant
from campaigns.models.deliveries import new_web_key
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.content import campaign_page_ids
from campaigns.rendering.ranking import SkipReason
from campaigns.rendering.variants import VariantPlan, plan_variants, readers, recipients, unsuppressed_ids

INSERT_BATCH = 2000


def plan(
    campaign: Campaign, page_ids: list[int] | None = None
) -> tuple[CampaignRenderer, list[VariantPlan], dict[int, SkipReason]]:
    """The campaign's renderer, its variants and the recipients who get nothing, with the reason (not
    frozen)."""
    renderer = CampaignRenderer(campaign, page_ids)
    subscribers = recipients(campaign)
    eligible = unsuppressed_ids(subscribers)
    tracking = campaign.channel.tracking_enabled
    facets = readers(subscribers, tracking)
    for suppressed in facets.keys() - eligible:  # in place: a copy would hold a second entry per reader
        del facets[suppressed]
    plans, skipped = plan_variants(renderer.items, facets, campaign.channel)
    return renderer, plans, skipped


def prepare(campaign_id: int) -> int:
    """Freeze the campaign being sent, once; return the number of deliveries created."""
    with transaction.atomic():
        # Lock the campaign's row only: PostgreSQL refuses FOR UPDATE on the outer join to the optional
        # audience.
        campaign = (
            Campaign.objects.select_for_update(of=("self",))
            .select_related("channel", "audience")
            .get(pk=campaign_id)
        )
        if campaign.prepared_at or campaign.status != Campaign.Status.SENDING:
            return 0
        now = timezone.now()
        campaign.period_start, campaign.period_end = campaign.content_period(now)
        campaign.frozen_page_ids = campaign_page_ids(campaign, now)
        renderer, plans, skipped = plan(campaign, campaign.frozen_page_ids)
        variants = []
        for variant_plan in plans:
            web_key = new_web_key()
            rendered = renderer.render(
                variant_plan.page_ids,
                variant_plan.language,
                variant_plan.tracked,
                variant_plan.groups,
                web_url=web_version_url(campaign, web_key),
            )
            variants.append(
                variant_plan.variant(
                    campaign,
                    web_key=web_key,
                    html=rendered.html,
                    text=rendered.text,
                    links=list(rendered.links),
                    rendered_at=now,
                )
            )
        Variant.objects.bulk_create(variants)
        deliveries = chain(
            (
                Delivery(campaign=campaign, subscriber_id=subscriber_id, variant=variant, next_attempt_at=now)
                for variant, variant_plan in zip(variants, plans, strict=True)
                for subscriber_id in variant_plan.subscriber_ids
            ),
            (
                Delivery(
                    campaign=campaign,
                    subscriber_id=subscriber_id,
                    status=Delivery.Status.SKIPPED,
                    error=str(reason.label),
                )
                for subscriber_id, reason in skipped.items()
            ),
        )
        created = 0
        # Inserted as they are made, so that no more than one chunk of deliveries is held at a time.
        while chunk := list(islice(deliveries, INSERT_BATCH)):
            Delivery.objects.bulk_create(chunk, batch_size=INSERT_BATCH)
            created += len(chunk)
        campaign.prepared_at = now
        campaign.save(update_fields=["period_start", "period_end", "frozen_page_ids", "prepared_at"])
    return created

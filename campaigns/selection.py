"""The channel content rule: the one function that selects a channel's pages.

Newsletters, feeds, calendars and the API listing of a channel all call ``select_content`` so that every
outlet of a channel shows the same content.
"""

from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet

from campaigns.models import Channel
from page_types import selection as facets
from page_types.models import ContentPage, MintOfferPage


def select_content(
    channel: Channel,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[ContentPage]:
    """Live, public content pages matching the channel's rule, newest first.

    ``since``/``until`` bound the first publication time (``first_published_at``), which is what
    "new since the last issue" means. Subject and grade-band parts of the rule restrict MINT offers only;
    other families pass them.
    """
    pages = ContentPage.objects.live().public()
    page_type_ids = [ct.pk for ct in channel.page_types.all()]
    if page_type_ids:
        pages = pages.filter(content_type_id__in=page_type_ids)
    topics = list(channel.topics.all())
    if topics:
        pages = facets.filter_topics(pages, topics)
    municipalities = list(channel.municipalities.all())
    if municipalities:
        pages = facets.filter_municipalities(pages, municipalities)
    for relation, column in (("subjects", "mintsubject_id"), ("grade_bands", "gradeband_id")):
        ids = [term.pk for term in getattr(channel, relation).all()]
        if ids:
            through = getattr(MintOfferPage, relation).through.objects
            matching_offer = through.filter(mintofferpage_id=OuterRef("pk"), **{f"{column}__in": ids})
            is_offer = MintOfferPage.objects.filter(pk=OuterRef("pk"))
            pages = pages.filter(~Exists(is_offer) | Exists(matching_offer))
    if since:
        pages = pages.filter(first_published_at__gte=since)
    if until:
        pages = pages.filter(first_published_at__lt=until)
    return pages.order_by("-publish_date", "-first_published_at", "-pk")


__all__ = ["select_content"]

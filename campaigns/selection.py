"""The channel content rule: the one function that selects a channel's pages.

Newsletters, feeds, calendars and the API listing of a channel all call ``select_content`` so that every
outlet of a channel shows the same content.
"""

from datetime import datetime

from django.db.models import QuerySet

from campaigns.models import Channel
from page_types.models import ContentPage


def select_content(
    channel: Channel,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[ContentPage]:
    """Live, public content pages matching the channel's rule, newest first — the originals only: each
    outlet shows their translations in its reader's language (``page_types.translations``).

    ``since``/``until`` bound the first publication time (``first_published_at``), which is what
    "new since the last campaign" means. The rule's terms are applied as every outlet applies them
    (``ContentPageQuerySet.matching``): subjects and grade bands restrict MINT offers only.
    """
    pages = ContentPage.objects.live().public().originals()
    page_type_ids = [ct.pk for ct in channel.page_types.all()]
    if page_type_ids:
        pages = pages.filter(content_type_id__in=page_type_ids)
    pages = pages.matching(
        topics=channel.topics.all(),
        municipalities=channel.municipalities.all(),
        subjects=channel.subjects.all(),
        grade_bands=channel.grade_bands.all(),
    )
    if since:
        pages = pages.filter(first_published_at__gte=since)
    if until:
        pages = pages.filter(first_published_at__lt=until)
    return pages.order_by("-publish_date", "-first_published_at", "-pk")


__all__ = ["select_content"]

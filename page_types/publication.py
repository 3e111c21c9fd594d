"""When a content page counts as published and as changed, for feeds, calendars and their caches."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from page_types.models import ContentPage


def published_at(page: ContentPage) -> datetime:
    """When the page counts as published: the editor's publish date, with the time of the first publication
    when that happened on the same day (listings and feeds order by the publish date)."""
    first = page.first_published_at
    if first and timezone.localdate(first) == page.publish_date:
        return first
    return timezone.make_aware(datetime.combine(page.publish_date, time.min))


def changed_at(page: ContentPage) -> datetime:
    """When the page last changed for readers: its last publication (never before ``published_at``)."""
    published = published_at(page)
    return max(published, page.last_published_at or published)

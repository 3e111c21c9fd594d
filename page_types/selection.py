"""Queryset helpers that select content pages by their facets.

Index pages, the content API, feeds and the campaigns' channel rule all filter pages by the same rules,
so those rules live here once: a topic includes its sub-topics, a municipality includes pages for the whole
district, "upcoming" means an occurrence or registration deadline still ahead (or an ongoing offer).
"""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model

from page_types.models.taxonomy import GradeBand, MintSubject, Municipality, Topic

LISTING_RENDITION = "fill-640x360-c80"


def with_listing_data(pages: QuerySet) -> QuerySet:
    """Prefetch what a teaser card shows, so a listing costs the same few queries for any length."""
    images = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
    return pages.prefetch_related(
        Prefetch("listing_image", queryset=images),
        "topics",
        "municipalities",
    )


def topic_ids(topics: Iterable[Topic]) -> set[int]:
    """The ids of the given topics and of their sub-topics."""
    ids = {topic.pk for topic in topics}
    ids |= set(Topic.objects.filter(parent__in=ids).values_list("pk", flat=True))
    return ids


def filter_topics(pages: QuerySet, topics: Iterable[Topic]) -> QuerySet:
    """Pages tagged with any of the topics or one of their sub-topics."""
    model = pages.model
    through = model.topics.through
    return pages.filter(
        Exists(through.objects.filter(contentpage_id=OuterRef("pk"), topic_id__in=topic_ids(topics)))
    )


def filter_municipalities(pages: QuerySet, municipalities: Iterable[Municipality]) -> QuerySet:
    """Pages for any of the municipalities or for the whole district (no municipality set)."""
    through = pages.model.municipalities.through
    tagged = through.objects.filter(contentpage_id=OuterRef("pk"))
    wanted = [m.pk for m in municipalities]
    return pages.filter(Exists(tagged.filter(municipality_id__in=wanted)) | ~Exists(tagged))


def filter_subjects(pages: QuerySet, subjects: Iterable[MintSubject]) -> QuerySet:
    """MINT offers for any of the subjects."""
    through = pages.model.subjects.through
    return pages.filter(
        Exists(
            through.objects.filter(
                mintofferpage_id=OuterRef("pk"), mintsubject_id__in=[s.pk for s in subjects]
            )
        )
    )


def filter_grade_bands(pages: QuerySet, grade_bands: Iterable[GradeBand]) -> QuerySet:
    """MINT offers for any of the grade bands."""
    through = pages.model.grade_bands.through
    return pages.filter(
        Exists(
            through.objects.filter(
                mintofferpage_id=OuterRef("pk"), gradeband_id__in=[g.pk for g in grade_bands]
            )
        )
    )


def upcoming_q(now: datetime | None = None) -> Q:
    """Offers still worth showing: ongoing, or an occurrence or registration deadline ahead."""
    now = now or timezone.now()
    from page_types.models.mint import MintOccurrence

    future = MintOccurrence.objects.filter(page_id=OuterRef("pk")).filter(
        Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
    )
    return Q(ongoing=True) | Q(Exists(future)) | Q(registration_deadline__gte=timezone.localdate(now))

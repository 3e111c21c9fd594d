"""How content pages are selected: the one set of facet rules that listings, the API, feeds and channels use.

``ContentPageQuerySet.matching`` is the rule of "which pages fit these terms": a topic includes its
sub-topics, a municipality includes the pages for the whole district, and subjects and grade bands narrow
the MINT offers only — other families pass them, since a news item about the district is for the
Informatik class too; languages likewise narrow the contact points only. ``reaching`` is the one rule of a
page's *reach*: a page meant only for the municipalities it names reaches nobody else — not in a listing
filtered by another municipality, a feed or a newsletter. ``near`` widens a municipality to those around it
("in der Nähe", by the centres of ``page_types.geography``). ``upcoming`` says which offers are still worth
showing, ``by_next_occurrence`` puts the soonest first; both, and ``MintOfferPage.upcoming_occurrences``
(the offer's page, calendar, newsletter item and API fields), decide by ``not_over``, the one rule of
which dates are still ahead.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Self

from django.apps import apps
from django.db.models import Exists, F, Min, OrderBy, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.query import PageQuerySet

from page_types import geography
from page_types.reach import Reach
from page_types.renditions import LISTING_RENDITION
from page_types.taxonomy import GradeBand, Interest, Language, MintSubject, Municipality, Topic
from page_types.translations import default_language


def around(municipalities: Iterable[Municipality], radius_km: float) -> list[Municipality]:
    """The municipalities and those whose centres lie within ``radius_km`` of one of their centres (one
    query, however many are given)."""
    slugs = {
        slug for place in municipalities for slug in (place.slug, *geography.nearby(place.slug, radius_km))
    }
    return list(Municipality.objects.filter(slug__in=slugs))


def topic_ids(topics: Iterable[Topic]) -> set[int]:
    """The ids of the given topics and of their sub-topics."""
    ids = {topic.pk for topic in topics}
    ids |= set(Topic.objects.filter(parent__in=ids).values_list("pk", flat=True))
    return ids


class ContentPageQuerySet(PageQuerySet):
    """Pages of the content families, with the facet filters every outlet shares."""

    def originals(self) -> Self:
        """The pages in the default locale: each piece of content once, whatever its translations
        (``page_types.translations``)."""
        return self.filter(locale__language_code=default_language())

    def with_listing_data(self) -> Self:
        """Prefetch what a teaser card shows, so a listing costs the same few queries for any length."""
        images = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
        return self.prefetch_related(Prefetch("listing_image", queryset=images), "topics", "municipalities")

    def matching(
        self,
        *,
        topics: Iterable[Topic] = (),
        interests: Iterable[Interest] = (),
        municipalities: Iterable[Municipality] = (),
        subjects: Iterable[MintSubject] = (),
        grade_bands: Iterable[GradeBand] = (),
        languages: Iterable[Language] = (),
    ) -> Self:
        """Pages that fit every given kind of term (any term of a kind); an empty kind does not narrow."""
        pages = self
        through = self.model.topics.through.objects.filter(contentpage_id=OuterRef("pk"))
        if topics := list(topics):
            pages = pages.filter(Exists(through.filter(topic_id__in=topic_ids(topics))))
        if interests := list(interests):  # the topics they name, with their sub-topics (Interest.by_topic)
            gathered = topic_ids(Topic.objects.filter(interests__in=interests))
            pages = pages.filter(Exists(through.filter(topic_id__in=gathered)))
        if municipalities := list(municipalities):
            tagged = self.model.municipalities.through.objects.filter(contentpage_id=OuterRef("pk"))
            wanted = tagged.filter(municipality_id__in=[m.pk for m in municipalities])
            pages = pages.filter(Exists(wanted) | ~Exists(tagged)).reaching(municipalities)
        for model_name, relation, column, terms in (
            ("MintOfferPage", "subjects", "mintsubject_id", list(subjects)),
            ("MintOfferPage", "grade_bands", "gradeband_id", list(grade_bands)),
            ("ContactPointPage", "languages", "language_id", list(languages)),
        ):
            if terms:
                family = apps.get_model("page_types", model_name)
                through = getattr(family, relation).through.objects
                wanted = through.filter(
                    **{f"{model_name.lower()}_id": OuterRef("pk"), f"{column}__in": [t.pk for t in terms]}
                )
                if issubclass(self.model, family):
                    pages = pages.filter(Exists(wanted))
                else:
                    is_family = family.objects.filter(pk=OuterRef("pk"))
                    pages = pages.filter(~Exists(is_family) | Exists(wanted))
        return pages

    def reaching(self, municipalities: Iterable[Municipality]) -> Self:
        """Pages a person of one of these municipalities may get: those for the whole district, and the
        local ones that name one of them (with no municipality, only pages for the whole district)."""
        tagged = self.model.municipalities.through.objects.filter(
            contentpage_id=OuterRef("pk"), municipality_id__in=[m.pk for m in municipalities]
        )
        return self.filter(Q(reach=Reach.DISTRICT) | Exists(tagged))

    def near(self, municipalities: Iterable[Municipality], radius_km: float) -> Self:
        """Pages for a person of one of ``municipalities`` who will travel ``radius_km``: those naming one of
        them or a municipality ``around`` one, and those for the whole district; a page meant only for the
        people of the municipalities it names (``reaching``) still reaches only them."""
        municipalities = list(municipalities)
        return self.matching(municipalities=around(municipalities, radius_km)).reaching(municipalities)

    def upcoming(self, now: datetime | None = None) -> Self:
        """MINT offers still worth showing: ongoing, or an occurrence or registration deadline ahead."""
        now = now or timezone.now()
        future = _occurrences_not_over(now)
        return self.filter(
            Q(ongoing=True) | Q(Exists(future)) | Q(registration_deadline__gte=timezone.localdate(now))
        )

    def with_next_occurrence(self, now: datetime | None = None) -> Self:
        """MINT offers annotated with ``next_occurrence``: the start of their first date not yet over (a date
        under way counts by its start, so a running camp comes first), ``None`` without one."""
        first_start = (
            _occurrences_not_over(now or timezone.now())
            .order_by()
            .values("page_id")
            .annotate(first=Min("start"))
            .values("first")
        )
        return self.annotate(next_occurrence=Subquery(first_start))

    def by_next_occurrence(self, now: datetime | None = None) -> Self:
        """MINT offers soonest first (``with_next_occurrence``); offers without a date ahead (ongoing, or
        past) follow, newest first."""
        return self.with_next_occurrence(now).order_by(next_occurrence_order(), "-publish_date", "-pk")


def not_over(now: datetime) -> Q:
    """The dates (``MintOccurrence``) not over by ``now``: ahead or under way, until their end — or, without
    an end, their start — has passed.

    A ``Q``, so that the database applies it to querysets and modelcluster's ``FakeQuerySet`` to the dates
    of a page in memory (prefetched, or those of a preview).
    """
    return Q(end__gte=now) | Q(end__isnull=True, start__gte=now)


def last_date_over(now: datetime) -> Subquery:
    """When the latest date of any MINT offer came to be over (``not_over``), ``None`` before the first one:
    whatever shows which dates are still ahead changes then, with no edit that would bump the version."""
    occurrences = apps.get_model("page_types", "MintOccurrence").objects
    over = occurrences.exclude(not_over(now)).annotate(over_from=Coalesce("end", "start"))
    return Subquery(over.order_by("-over_from").values("over_from")[:1])


def next_occurrence_order(*, descending: bool = False) -> OrderBy:
    """The order by ``with_next_occurrence``: offers without a date ahead last, in either direction."""
    column = F("next_occurrence")
    return column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)


def _occurrences_not_over(now: datetime):
    """The dates of the outer offer (``OuterRef("pk")``) that have not ended by ``now``."""
    occurrences = apps.get_model("page_types", "MintOccurrence").objects
    return occurrences.filter(page_id=OuterRef("pk")).filter(not_over(now))

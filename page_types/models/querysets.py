"""How content pages are selected: the one set of facet rules that listings, the API, feeds and channels use.

``ContentPageQuerySet.matching`` is the rule of "which pages fit these terms": a topic includes its
sub-topics, a municipality includes the pages for the whole district, and subjects and grade bands narrow
the MINT offers only — other families pass them, since a news item about the district is for the
Informatik class too; languages likewise narrow the contact points only. ``reaching`` is the one rule of a
page's *reach*: a page meant only for the municipalities it names reaches nobody else — not in a listing
filtered by another municipality, a feed or a newsletter. ``near`` widens a municipality to those around it
("in der Nähe", by the centres of ``page_types.geography``). ``upcoming`` says which offers are still worth
showing, ``by_next_occurrence`` puts the soonest first.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Self

from django.apps import apps
from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.query import PageQuerySet

from page_types import geography
from page_types.reach import Reach
from page_types.renditions import LISTING_RENDITION
from page_types.taxonomy import GradeBand, Language, MintSubject, Municipality, Topic
from page_types.translations import default_language


def around(municipality: Municipality, radius_km: float) -> list[Municipality]:
    """The municipality and those whose centres lie within ``radius_km`` of its centre."""
    slugs = [municipality.slug, *geography.nearby(municipality.slug, radius_km)]
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
        municipalities: Iterable[Municipality] = (),
        subjects: Iterable[MintSubject] = (),
        grade_bands: Iterable[GradeBand] = (),
        languages: Iterable[Language] = (),
    ) -> Self:
        """Pages that fit every given kind of term (any term of a kind); an empty kind does not narrow."""
        pages = self
        if topics := list(topics):
            through = self.model.topics.through.objects
            wanted = through.filter(contentpage_id=OuterRef("pk"), topic_id__in=topic_ids(topics))
            pages = pages.filter(Exists(wanted))
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

    def near(self, municipality: Municipality, radius_km: float) -> Self:
        """Pages for a person of ``municipality`` who will travel ``radius_km``: those naming it or a
        municipality ``around`` it, and those for the whole district; a page meant only for the people of
        the municipalities it names (``reaching``) still reaches only them."""
        return self.matching(municipalities=around(municipality, radius_km)).reaching([municipality])

    def upcoming(self, now: datetime | None = None) -> Self:
        """MINT offers still worth showing: ongoing, or an occurrence or registration deadline ahead."""
        now = now or timezone.now()
        future = _occurrences_not_over(now)
        return self.filter(
            Q(ongoing=True) | Q(Exists(future)) | Q(registration_deadline__gte=timezone.localdate(now))
        )

    def by_next_occurrence(self, now: datetime | None = None) -> Self:
        """MINT offers soonest first: ordered by the start of their next date not yet over (annotated as
        ``next_occurrence``; a date under way counts by its start, so a running camp stays on top). Offers
        without such a date (ongoing, or past) follow, newest first."""
        now = now or timezone.now()
        first_start = (
            _occurrences_not_over(now)
            .order_by()
            .values("page_id")
            .annotate(first=Min("start"))
            .values("first")
        )
        return self.annotate(next_occurrence=Subquery(first_start)).order_by(
            F("next_occurrence").asc(nulls_last=True), "-publish_date", "-pk"
        )


def _occurrences_not_over(now: datetime):
    """The dates of the outer offer (``OuterRef("pk")``) that have not ended by ``now``."""
    occurrences = apps.get_model("page_types", "MintOccurrence").objects
    return occurrences.filter(page_id=OuterRef("pk")).filter(
        Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
    )

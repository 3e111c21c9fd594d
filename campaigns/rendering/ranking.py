"""Ranking: the one function that orders an issue's pages for one reader and puts them into sections.

Facets rank, they do not exclude: pages that fit what the reader chose (subjects, grade bands, topics)
come first, and among equals their own municipality, then nearby ones, then the rest of the district. A
facet the reader left empty is neutral, and so is a facet that does not apply to a page's family (subjects
and grade bands are the MINT offers' only). Exactly two things take a page away from a reader: a page's
local reach (decided by ``ContentPageQuerySet.reaching``, which the API and feeds apply too, and passed in
here as the pages that reach the reader), and the reader's own explicit radius for MINT offers. The
channel's rule has chosen the candidates before, and its cap (``Channel.max_items``) keeps the best ones.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import IntEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.rendering.content import NewsletterItem
from page_types.geography import distance_km

MINT_FAMILY = "page_types.mintofferpage"


@dataclass(frozen=True)
class Reader:
    """The facets of a subscriber that decide what they get and in which order, as term slugs."""

    language: str
    municipalities: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    grade_bands: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    tracked: bool = False
    # "Only MINT offers within this many km" (preference centre): an explicit choice, so it excludes.
    mint_radius_km: int | None = None

    @property
    def home(self) -> str | None:
        return next(iter(self.municipalities), None)


class Group(models.TextChoices):
    """The sections of a mail, in mail order, with their headings."""

    FITS = "fits", _("Passend zu Ihren Angaben")
    MORE = "more", _("Weitere Angebote")
    OWN = "own", _("Aus Ihrer Kommune")
    NEARBY = "nearby", _("In Ihrer Nähe")
    DISTRICT = "district", _("Aus dem Landkreis")


GROUP_ORDER = {group: position for position, group in enumerate(Group)}


class Place(IntEnum):
    OWN = 0
    NEARBY = 1
    DISTRICT = 2


class SkipReason(models.TextChoices):
    """Why a reader gets nothing of an issue that has content."""

    LOCAL = "local", _("Alle Beiträge sind nur für andere Kommunen bestimmt")
    RADIUS = "radius", _("Alle Angebote liegen außerhalb des gewählten Umkreises")
    LOCAL_OR_RADIUS = (
        "local-or-radius",
        _("Alle Beiträge sind für andere Kommunen bestimmt oder liegen außerhalb des gewählten Umkreises"),
    )


@dataclass(frozen=True)
class Ranking:
    """What one reader gets: pages in mail order with each page's section, or why they get nothing."""

    page_ids: tuple[int, ...] = ()
    groups: tuple[Group, ...] = ()
    skipped: SkipReason | None = None


def only_more(groups: Sequence[str]) -> bool:
    """Whether no offer fits the reader's own choice: their offers are all "Weitere Angebote"."""
    return Group.MORE in groups and Group.FITS not in groups


def rank(
    items: Sequence[NewsletterItem],
    reader: Reader,
    *,
    reachable: Collection[int],
    nearby_km: float,
    max_items: int,
) -> Ranking:
    """Order ``items`` (in campaign order) for ``reader``, keep the best ``max_items`` and section them.

    ``reachable`` holds the ids of the pages whose reach includes the reader's municipality.
    """
    kept: list[tuple[tuple, Group, NewsletterItem]] = []
    out_of_reach = outside_radius = 0
    for position, item in enumerate(items):
        if item.page_id not in reachable:
            out_of_reach += 1
            continue
        if _outside_radius(item, reader):
            outside_radius += 1
            continue
        wanted = _wanted(item, reader)
        fits = all(not have or bool(want & have) for want, have in wanted)
        place = _place(item, reader, nearby_km)
        if wanted and item.family == MINT_FAMILY:
            group = Group.FITS if fits else Group.MORE
        else:
            group = Group(place.name.lower())
        kept.append(((not fits, place, position), group, item))
    if items and not kept:
        reason = SkipReason.LOCAL if not outside_radius else SkipReason.RADIUS
        return Ranking(skipped=SkipReason.LOCAL_OR_RADIUS if out_of_reach and outside_radius else reason)
    best = sorted(kept, key=lambda entry: entry[0])[:max_items]
    families = {item.family: position for position, item in reversed(list(enumerate(items)))}
    best.sort(key=lambda entry: (GROUP_ORDER[entry[1]], families[entry[2].family], entry[0]))
    return Ranking(
        page_ids=tuple(item.page_id for _key, _group, item in best),
        groups=tuple(group for _key, group, _item in best),
    )


def _wanted(item: NewsletterItem, reader: Reader) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(what the reader chose, what the page has) per facet that applies to the page's family and that the
    reader filled in."""
    pairs = [(reader.topics, item.facets.topics)]
    if item.family == MINT_FAMILY:
        pairs += [(reader.subjects, item.facets.subjects), (reader.grade_bands, item.facets.grade_bands)]
    return [(want, have) for want, have in pairs if want]


def _place(item: NewsletterItem, reader: Reader, nearby_km: float) -> Place:
    places = item.facets.municipalities
    if reader.home is None or not places:
        return Place.DISTRICT
    if reader.home in places:
        return Place.OWN
    distances = [distance_km(reader.home, place) for place in places]
    return Place.NEARBY if any(d is not None and d <= nearby_km for d in distances) else Place.DISTRICT


def _outside_radius(item: NewsletterItem, reader: Reader) -> bool:
    """Whether a MINT offer lies beyond the reader's own radius (known distances only)."""
    if item.family != MINT_FAMILY or not reader.mint_radius_km or reader.home is None:
        return False
    places = item.facets.municipalities
    if not places or reader.home in places:
        return False
    distances = [distance_km(reader.home, place) for place in places]
    return all(d is not None and d > reader.mint_radius_km for d in distances)

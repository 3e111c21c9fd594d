"""The guide's answer: the sections a profile shows, filled for the reader's municipality and language.

Contact points are those that help with the profile's topics, in the reader's language if any does, the
nearest first (same municipality, then by the distance of the municipalities' centres). MINT offers are
those still ahead in the municipality, nearby or for the whole district; lighthouse stories those of the
municipality, else of its neighbours. Newsletters come from whichever app registers for them
(``page_types.guide.channels``).
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import HttpRequest

from page_types.guide.channels import ChannelSuggestion, GuideChoice, suggested_channels
from page_types.models.contacts import ContactPointPage
from page_types.models.lighthouse import LighthouseStoryPage
from page_types.models.mint import MintOfferPage
from page_types.models.querysets import around
from page_types.taxonomy import Language, Municipality

if TYPE_CHECKING:
    from page_types.models.guide import GuideProfile

CONTACT_POINTS = 6
OFFERS = 6
STORIES = 3
# Municipalities whose centres lie this close count as "nearby" for offers and stories.
NEARBY_KM = 10.0


@dataclass(frozen=True)
class NearbyContactPoint:
    """A contact point and how far it is from the reader's municipality (``None``: unknown)."""

    page: ContactPointPage
    distance_km: float | None


@dataclass
class GuideAnswer:
    """The filled sections of one answer; a section the profile does not show stays ``None``."""

    profile: "GuideProfile"
    municipality: Municipality
    language: Language | None
    children: bool
    contact_points: list[NearbyContactPoint] | None = None
    # True when no contact point speaks the chosen language and the list shows the nearest ones instead.
    language_missing: bool = False
    offers: list[MintOfferPage] | None = None
    stories: list[LighthouseStoryPage] | None = None
    # True when the municipality has no story of its own and the list shows its neighbours'.
    stories_nearby: bool = False
    channels: list[ChannelSuggestion] | None = field(default=None)


def answer(
    request: HttpRequest | None,
    profile: "GuideProfile",
    municipality: Municipality,
    *,
    language: Language | None,
    children: bool,
) -> GuideAnswer:
    """The answer for a ``GuideProfile``, a municipality, an optional language and whether with children."""
    result = GuideAnswer(profile, municipality, language, children)
    topics = tuple(profile.topics.all())
    shown: list[type] = []
    if profile.show_contact_points:
        result.contact_points, result.language_missing = nearest_contact_points(
            municipality, language, topics
        )
        shown.append(ContactPointPage)
    if profile.show_offers and children:
        result.offers = offers_nearby(municipality, tuple(profile.grade_bands.all()))
        shown.append(MintOfferPage)
    if profile.show_stories:
        result.stories, result.stories_nearby = stories_of(municipality)
        shown.append(LighthouseStoryPage)
    if profile.show_channels:
        choice = GuideChoice(municipality, language, children, topics, tuple(shown))
        result.channels = suggested_channels(request, choice)
    return result


def nearest_contact_points(
    municipality: Municipality, language: Language | None, topics: tuple
) -> tuple[list[NearbyContactPoint], bool]:
    """The nearest contact points for the topics, in the language if any speaks it; and whether none did."""
    pages = (
        ContactPointPage.objects.live()
        .public()
        .reaching([municipality])
        .matching(topics=topics)
        .with_listing_data()
        .select_related("organisation")
        .prefetch_related("languages")
    )
    language_missing = False
    if language is not None:
        speaking = pages.matching(languages=[language])
        if speaking.exists():
            pages = speaking
        else:
            language_missing = True
    nearby = [NearbyContactPoint(page, page.distance_km(municipality.slug)) for page in pages]
    nearby.sort(key=lambda c: (c.distance_km is None, c.distance_km or 0.0, c.page.title))
    return nearby[:CONTACT_POINTS], language_missing


def offers_nearby(municipality: Municipality, grade_bands: tuple) -> list[MintOfferPage]:
    """Offers still ahead in the municipality, its neighbours or for the whole district, soonest first."""
    pages = (
        MintOfferPage.objects.live()
        .public()
        .upcoming()
        .near([municipality], NEARBY_KM)
        .matching(grade_bands=grade_bands)
        .with_listing_data()
        .prefetch_related("subjects", "grade_bands", "occurrences")
        .by_next_occurrence()
    )
    return list(pages[:OFFERS])


def stories_of(municipality: Municipality) -> tuple[list[LighthouseStoryPage], bool]:
    """The municipality's lighthouse stories, newest first, or else its neighbours'; and which it is."""
    pages = LighthouseStoryPage.objects.live().public().reaching([municipality]).with_listing_data()
    own = list(pages.filter(municipalities=municipality).order_by("-publish_date", "-pk")[:STORIES])
    if own:
        return own, False
    neighbours = [m for m in around([municipality], NEARBY_KM) if m.pk != municipality.pk]
    wider = pages.filter(municipalities__in=neighbours).distinct().order_by("-publish_date", "-pk")
    return list(wider[:STORIES]), True

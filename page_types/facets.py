"""The audience facets of a content page: what campaigns, feeds and the API filter pages by.

A page declares what it is about through these facets; the outreach plugin ranks pages by them against a
subscriber's facets without knowing the page models (``campaigns.rendering.ranking``). The municipalities
are the page's *place*; who may get a page at all is its reach (``ContentPageQuerySet.reaching``).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AudienceFacets:
    """Slugs of the terms a page is tagged with, by vocabulary."""

    page_type: str
    topics: frozenset[str] = field(default_factory=frozenset)
    municipalities: frozenset[str] = field(default_factory=frozenset)
    subjects: frozenset[str] = field(default_factory=frozenset)
    grade_bands: frozenset[str] = field(default_factory=frozenset)

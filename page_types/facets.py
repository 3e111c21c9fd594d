"""The audience facets of a content page: what campaigns, feeds and the API filter pages by.

A page declares *who it is for* through these facets; the outreach plugin matches them against a subscriber's
facets without knowing the page models. Empty sets mean "everyone" (no municipality = the whole district).
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

    def matches(
        self,
        *,
        municipalities: frozenset[str] = frozenset(),
        subjects: frozenset[str] = frozenset(),
        grade_bands: frozenset[str] = frozenset(),
        topics: frozenset[str] = frozenset(),
    ) -> bool:
        """Whether a reader with these interests should see the page.

        An empty interest or an untagged page matches anything: a reader who named no municipality gets
        every municipality's news, and a page for the whole district reaches every municipality.
        """
        return all(
            not wanted or not have or bool(wanted & have)
            for wanted, have in (
                (municipalities, self.municipalities),
                (subjects, self.subjects),
                (grade_bands, self.grade_bands),
                (topics, self.topics),
            )
        )

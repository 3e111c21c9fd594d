"""A subscriber's facets as one value: what the form, the API, the import and the services pass around."""

from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from campaigns.models import Subscriber
from campaigns.reader_languages import language_name
from page_types.models import GradeBand, Interest, MintSubject, Municipality
from page_types.translations import default_language

MULTI_VALUED = ("grade_bands", "subjects", "interests")
TERM_MODELS = {"grade_bands": GradeBand, "subjects": MintSubject, "interests": Interest}
# The choices the page after a confirmation repeats to the reader, in this order.
SUMMARISED = ("municipality", "grade_bands", "subjects", "interests", "language")


def _ids(terms: Iterable) -> frozenset[int]:
    return frozenset(term.pk for term in terms)


@dataclass(frozen=True)
class Facets:
    """Name, language, role, municipality and the multi-valued interests of a subscriber.

    Terms are held as model instances so that callers have validated them (by slug) before a service runs.
    """

    name: str = ""
    language: str = field(default_factory=default_language)
    role: str = ""
    municipality: Municipality | None = None
    grade_bands: tuple[GradeBand, ...] = field(default_factory=tuple)
    subjects: tuple[MintSubject, ...] = field(default_factory=tuple)
    interests: tuple[Interest, ...] = field(default_factory=tuple)
    mint_radius_km: int | None = None

    @classmethod
    def of(cls, subscriber: Subscriber) -> "Facets":
        """The facets a subscriber has now."""
        return cls(
            name=subscriber.name,
            language=subscriber.language,
            role=subscriber.role,
            municipality=subscriber.municipality,
            grade_bands=tuple(subscriber.grade_bands.all()),
            subjects=tuple(subscriber.subjects.all()),
            interests=tuple(subscriber.interests.all()),
            mint_radius_km=subscriber.mint_radius_km,
        )

    @classmethod
    def from_slugs(cls, data: dict) -> "Facets":
        """The facets ``as_slugs`` stated (a stored sign-up request); terms deleted since are left out."""
        municipality = data.get("municipality")
        return cls(
            name=data.get("name", ""),
            language=data.get("language") or default_language(),
            role=data.get("role", ""),
            municipality=Municipality.objects.filter(slug=municipality).first() if municipality else None,
            mint_radius_km=data.get("mint_radius_km"),
            **{
                relation: tuple(model.objects.filter(slug__in=data[relation])) if data.get(relation) else ()
                for relation, model in TERM_MODELS.items()
            },
        )

    def as_slugs(self) -> dict:
        """The facets as the plain values the form and the JSON API show (terms by slug)."""
        return {
            "name": self.name,
            "language": self.language,
            "role": self.role,
            "municipality": self.municipality.slug if self.municipality else None,
            **{relation: [term.slug for term in getattr(self, relation)] for relation in MULTI_VALUED},
            "mint_radius_km": self.mint_radius_km,
        }

    def summary(self) -> list[tuple[str, str]]:
        """The chosen facets by their display names, each labelled as the subscriber's field is; empty
        ones are left out."""
        rows = []
        for name in SUMMARISED:
            value = getattr(self, name)
            if name == "language":
                shown = language_name(value)
            elif name in MULTI_VALUED:
                shown = ", ".join(str(term) for term in value)
            else:
                shown = str(value) if value else ""
            if shown:
                rows.append((str(Subscriber._meta.get_field(name).verbose_name), shown))
        return rows

    def create_subscriber(self, email: str) -> Subscriber:
        """A new subscriber with these facets (fewer queries than creating one and applying them)."""
        subscriber = Subscriber.objects.create(
            email=email,
            name=self.name,
            language=self.language,
            role=self.role,
            municipality=self.municipality,
            mint_radius_km=self.mint_radius_km,
        )
        for relation in MULTI_VALUED:
            if getattr(self, relation):
                getattr(subscriber, relation).add(*getattr(self, relation))
        return subscriber

    def apply_to(self, subscriber: Subscriber) -> list[str]:
        """Store the facets on a saved subscriber; return the names of the facets that changed."""
        before = Facets.of(subscriber)
        changed = [f.name for f in fields(self) if not self._same(f.name, before)]
        if not changed:
            return []
        subscriber.name = self.name
        subscriber.language = self.language
        subscriber.role = self.role
        subscriber.municipality = self.municipality
        subscriber.mint_radius_km = self.mint_radius_km
        subscriber.save(
            update_fields=["name", "language", "role", "municipality", "mint_radius_km", "updated_at"]
        )
        for relation in MULTI_VALUED:
            if relation in changed:
                getattr(subscriber, relation).set(getattr(self, relation))
        return changed

    def _same(self, name: str, other: "Facets") -> bool:
        if name in MULTI_VALUED:
            return _ids(getattr(self, name)) == _ids(getattr(other, name))
        return getattr(self, name) == getattr(other, name)

"""What the steps of ``load_demo`` share: today's date, the image library, the pages, the vocabulary."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Model
from wagtail.models import Page

from cms.demo.images import ImageLibrary


@dataclass
class DemoContext:
    """State passed from step to step; ``pages`` maps "home" and the index keys to the pages built."""

    today: date
    images: ImageLibrary
    pages: dict[str, Page] = field(default_factory=dict)
    _terms: dict[type[Model], dict[str, Model]] = field(default_factory=dict, repr=False)

    def terms(self, model: type[Model], slugs: tuple[str, ...]) -> list[Model]:
        """The rows of ``model`` with these slugs, in order; an unknown slug is a mistake in the demo data."""
        if model not in self._terms:
            self._terms[model] = {term.slug: term for term in model.objects.all()}
        known = self._terms[model]
        missing = [slug for slug in slugs if slug not in known]
        if missing:
            raise LookupError(f"Demo data refers to unknown {model.__name__} slugs: {', '.join(missing)}")
        return [known[slug] for slug in slugs]

    def term(self, model: type[Model], slug: str) -> Model | None:
        """The row of ``model`` with this slug, or None for an empty slug."""
        return self.terms(model, (slug,))[0] if slug else None

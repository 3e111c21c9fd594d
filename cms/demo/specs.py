"""The shape of the demo content: page specifications, body blocks, and how they become Wagtail pages.

The content modules (``stories``, ``offers``, ``milestones``, ``news``) are plain data in these shapes.
``build`` turns a specification into an unsaved page: it draws the page's illustrations, resolves vocabulary
slugs and link targets through the ``DemoContext`` and writes the body as Wagtail's raw stream data, so the
page is validated like an editor's when it is published. Dates are relative to today so that the demo's
MINT offers stay in the future.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar, Protocol

from django.utils import timezone
from django.utils.html import escape

from cms.demo.context import DemoContext
from cms.demo.images import HERO_SIZE, Illustration, Motif
from page_types.models import (
    ContentPage,
    GradeBand,
    InnovationMilestonePage,
    InternalNewsPage,
    LighthouseStoryPage,
    MintOccurrence,
    MintOfferPage,
    MintSubject,
    Municipality,
    NewsKind,
    Organisation,
    Reach,
    Topic,
)

IMAGE_CREDIT = "Illustration: Leuchtturm-Demo"
REGISTRATION_URL = "https://anmeldung.example.org/{slug}/"
DEMO_SOURCE = "Demo-Inhalt; vor einer Veröffentlichung mit dem Kreisarchiv abzugleichen"


class Block(Protocol):
    """A body block that knows its raw stream representation."""

    def raw(self, ctx: DemoContext, page_title: str) -> dict: ...


@dataclass(frozen=True)
class Heading:
    text: str

    def raw(self, ctx: DemoContext, page_title: str) -> dict:
        return {"type": "heading", "value": self.text}


@dataclass(frozen=True)
class Paragraph:
    text: str

    def raw(self, ctx: DemoContext, page_title: str) -> dict:
        return {"type": "paragraph", "value": f"<p>{escape(self.text)}</p>"}


@dataclass(frozen=True)
class Quote:
    text: str
    person: str
    role: str = ""

    def raw(self, ctx: DemoContext, page_title: str) -> dict:
        return {"type": "quote", "value": {"quote": self.text, "attribution": self.person, "role": self.role}}


@dataclass(frozen=True)
class KeyFigures:
    heading: str
    figures: tuple[tuple[str, str], ...]
    source: str = ""

    def raw(self, ctx: DemoContext, page_title: str) -> dict:
        figures = [{"value": value, "label": label, "source": self.source} for value, label in self.figures]
        return {"type": "key_figures", "value": {"heading": self.heading, "figures": figures}}


@dataclass(frozen=True)
class Gallery:
    """Pictures as (label drawn on the picture, caption)."""

    heading: str
    pictures: tuple[tuple[str, str], ...]

    def raw(self, ctx: DemoContext, page_title: str) -> dict:
        images = []
        for label, caption in self.pictures:
            illustration = Illustration(f"{page_title} – {caption}", label, Motif.WAVES)
            images.append(
                {
                    "image": ctx.images.image(illustration).pk,
                    "alt_text": illustration.alt_text,
                    "caption": caption,
                    "credit": IMAGE_CREDIT,
                }
            )
        return {"type": "gallery", "value": {"heading": self.heading, "images": images}}


@dataclass(frozen=True)
class CallToAction:
    """A link to one of the site's pages, named by its key in ``DemoContext.pages``."""

    text: str
    link_label: str
    target: str

    def raw(self, ctx: DemoContext, page_title: str) -> dict:
        value = {
            "text": self.text,
            "link_label": self.link_label,
            "page": ctx.pages[self.target].pk,
            "url": "",
        }
        return {"type": "call_to_action", "value": value}


@dataclass(frozen=True, kw_only=True)
class PageSpec:
    """What every demo content page has; ``label`` is the word drawn on its listing image."""

    slug: str
    title: str
    teaser: str
    label: str
    topics: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    # Most pages are for the whole district; a few notices concern only the people of their municipalities.
    reach: str = Reach.DISTRICT
    days_ago: int = 0
    body: tuple[Block, ...] = ()

    model: ClassVar[type[ContentPage]]
    motif: ClassVar[Motif]

    def build(self, ctx: DemoContext) -> ContentPage:
        """An unsaved page with its listing image, vocabulary and body."""
        listing = Illustration(self.title, self.label, self.motif)
        page = self.model(
            title=self.title,
            slug=self.slug,
            teaser=self.teaser,
            listing_image=ctx.images.image(listing),
            listing_image_alt=listing.alt_text,
            publish_date=ctx.today - timedelta(days=self.days_ago),
            reach=self.reach,
            body=[block.raw(ctx, self.title) for block in self.body],
            **self.specific_fields(ctx),
        )
        page.topics = ctx.terms(Topic, self.topics)
        page.municipalities = ctx.terms(Municipality, self.municipalities)
        return page

    def specific_fields(self, ctx: DemoContext) -> dict:
        """Field values of the family's own model."""
        return {}


@dataclass(frozen=True, kw_only=True)
class StorySpec(PageSpec):
    organisation: str
    sector: str = ""
    hero_label: str

    model = LighthouseStoryPage
    motif = Motif.BEAMS

    def specific_fields(self, ctx: DemoContext) -> dict:
        hero = Illustration(f"{self.title} – Titelbild", self.hero_label, Motif.BEAMS, HERO_SIZE)
        return {
            "hero_image": ctx.images.image(hero),
            "hero_image_alt": hero.alt_text,
            "organisation": ctx.term(Organisation, self.organisation),
            "sector": self.sector,
        }


@dataclass(frozen=True)
class Schedule:
    """The dates of an offer: the first on ``weekday`` at least ``in_days`` from today, then ``count`` in all,
    ``every_days`` apart, each starting at ``start`` (local time) and lasting ``hours``."""

    in_days: int
    weekday: int
    start: str
    hours: float
    count: int = 1
    every_days: int = 7
    place: str = ""

    def occurrences(self, today: date) -> list[MintOccurrence]:
        first = today + timedelta(days=self.in_days)
        first += timedelta(days=(self.weekday - first.weekday()) % 7)
        starts = [
            timezone.make_aware(
                datetime.combine(first + timedelta(days=n * self.every_days), time.fromisoformat(self.start))
            )
            for n in range(self.count)
        ]
        return [
            MintOccurrence(start=s, end=s + timedelta(hours=self.hours), place=self.place) for s in starts
        ]


@dataclass(frozen=True)
class Contact:
    """Who answers questions about an offer (fictional people, addresses on a reserved domain)."""

    name: str
    email: str
    phone: str


@dataclass(frozen=True, kw_only=True)
class OfferSpec(PageSpec):
    kind: str
    provider: str
    subjects: tuple[str, ...]
    grade_bands: tuple[str, ...]
    location: str
    cost: str
    address: str = ""
    contact: Contact | None = None
    schedule: Schedule | None = None
    ongoing: bool = False
    min_age: int | None = None
    max_age: int | None = None
    capacity: int | None = None
    deadline_in_days: int | None = None
    registration: bool = True
    accessibility: str = ""

    model = MintOfferPage
    motif = Motif.NETWORK

    def build(self, ctx: DemoContext) -> MintOfferPage:
        page = super().build(ctx)
        page.subjects = ctx.terms(MintSubject, self.subjects)
        page.grade_bands = ctx.terms(GradeBand, self.grade_bands)
        page.occurrences = self.schedule.occurrences(ctx.today) if self.schedule else []
        return page

    def specific_fields(self, ctx: DemoContext) -> dict:
        deadline = self.deadline_in_days
        return {
            "kind": self.kind,
            "provider": ctx.term(Organisation, self.provider),
            "ongoing": self.ongoing,
            "min_age": self.min_age,
            "max_age": self.max_age,
            "location": self.location,
            "street_address": self.address,
            "contact_name": self.contact.name if self.contact else "",
            "contact_email": self.contact.email if self.contact else "",
            "contact_phone": self.contact.phone if self.contact else "",
            "cost": self.cost,
            "capacity": self.capacity,
            "registration_url": REGISTRATION_URL.format(slug=self.slug) if self.registration else "",
            "registration_deadline": ctx.today + timedelta(days=deadline) if deadline is not None else None,
            "accessibility_notes": self.accessibility,
        }


@dataclass(frozen=True, kw_only=True)
class MilestoneSpec(PageSpec):
    year: int
    organisation: str = ""
    person: str = ""
    source: str = DEMO_SOURCE

    model = InnovationMilestonePage
    motif = Motif.RINGS

    def specific_fields(self, ctx: DemoContext) -> dict:
        return {
            "year": self.year,
            "organisation": ctx.term(Organisation, self.organisation),
            "person": self.person,
            "source": self.source,
        }


@dataclass(frozen=True, kw_only=True)
class NewsSpec(PageSpec):
    kind: str = NewsKind.NEWS

    model = InternalNewsPage
    motif = Motif.TILES

    def specific_fields(self, ctx: DemoContext) -> dict:
        return {"kind": self.kind}

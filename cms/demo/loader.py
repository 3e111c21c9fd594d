"""Loading the demo: a sequence of idempotent steps run in one transaction.

Each step creates only what is missing (identified by slug, title or address) and returns how many objects
it created, so a second run changes nothing. A later feature adds its own demo data as one more step.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from campaigns.models import Campaign, Channel, ConsentEvent, Subscriber, Subscription
from cms.demo.campaigns import load_campaigns
from cms.demo.contacts import load_guide_profiles
from cms.demo.context import DemoContext
from cms.demo.images import ImageLibrary
from cms.demo.organisations import load_organisations
from cms.demo.outreach import load_channels, load_outreach
from cms.demo.pages import load_content_pages
from cms.demo.site import build_site
from cms.demo.translations import load_translations
from page_types.models import (
    ContactPointPage,
    GuideProfile,
    InnovationMilestonePage,
    InternalNewsPage,
    LighthouseStoryPage,
    MintOfferPage,
    Organisation,
    StandardPage,
)
from page_types.translations import default_language


@dataclass(frozen=True)
class DemoStep:
    """One part of the demo; ``run`` returns the number of objects it created."""

    label: str
    run: Callable[[DemoContext], int]


STEPS = (
    DemoStep("Seitenbaum", build_site),
    DemoStep("Organisationen", load_organisations),
    DemoStep("Inhaltsseiten", load_content_pages),
    DemoStep("Wegweiser-Profile", load_guide_profiles),
    DemoStep("Newsletter", load_outreach),
    DemoStep("Übersetzungen", load_translations),
    DemoStep("Newsletter-Ausgaben", load_campaigns),
)


# A real installation's first start (``bootstrap_site``): the site, its legal pages and the channels, no
# demo content and nobody subscribed.
BOOTSTRAP_STEPS = (DemoStep("Seitenbaum", build_site), DemoStep("Kanäle", load_channels))


def load_demo(steps: tuple[DemoStep, ...] = STEPS) -> list[tuple[str, int]]:
    """Run the steps; return (label, number created) per step, plus the images drawn."""
    with transaction.atomic():
        ctx = DemoContext(today=timezone.localdate(), images=ImageLibrary())
        report = [(step.label, step.run(ctx)) for step in steps]
    return [*report, ("Bilder", ctx.images.created)]


def demo_totals() -> list[tuple[str, int]]:
    """What the database holds now, in the words of the summary ``load_demo`` prints."""
    return [
        ("Leuchtturm-Geschichten", LighthouseStoryPage.objects.live().originals().count()),
        ("MINT-Angebote", MintOfferPage.objects.live().originals().count()),
        ("Meilensteine", InnovationMilestonePage.objects.live().originals().count()),
        ("Nachrichten", InternalNewsPage.objects.live().originals().count()),
        ("Anlaufstellen", ContactPointPage.objects.live().originals().count()),
        ("Wegweiser-Profile", GuideProfile.objects.count()),
        ("übersetzte Seiten", Page.objects.live().exclude(locale__language_code=default_language()).count()),
        ("Textseiten", StandardPage.objects.live().count()),
        ("Organisationen", Organisation.objects.count()),
        ("Bilder", get_image_model().objects.count()),
        ("Kanäle", Channel.objects.count()),
        ("Abonnent/innen", Subscriber.objects.count()),
        ("aktive Abonnements", Subscription.objects.filter(status=Subscription.Status.ACTIVE).count()),
        ("Einwilligungsereignisse", ConsentEvent.objects.count()),
        ("Newsletter-Ausgaben", Campaign.objects.count()),
    ]

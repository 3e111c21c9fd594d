"""Fixtures of the content plugin's tests: a published site tree, and one fully filled page per family."""

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from django.utils import timezone
from wagtail.images import get_image_model

from page_types.models import (
    InnovationMilestonePage,
    MintOccurrence,
    MintOfferPage,
    Municipality,
    Organisation,
    StandardPage,
)
from tests.factories import make_image, make_milestone, make_news, make_offer, make_site, make_story
from tests.sharing import Built, Keys, built_once, for_the_test, fresh_pages, primary_keys

CONTENT_PAGES = ("home", "story", "offer", "milestone", "news", "impressum")


@pytest.fixture(scope="module")
def site_keys(request, django_db_setup, django_db_blocker) -> Iterator[dict[str, int] | None]:
    """The ids of the site's pages, built once per module where it may share (``tests/sharing.py``)."""
    yield from built_once(request, django_db_blocker, make_site, primary_keys)


@pytest.fixture
def site(db, site_keys) -> dict:
    """The home page and one published index page per content family (keys: home, lighthouse, mint,
    history, news), read afresh for the test (or built for it)."""
    return for_the_test(site_keys, make_site, fresh_pages)


def rich_body(link_target, image) -> list[dict]:
    """A StreamField body (as stored JSON) that uses every block, with an internal link and images."""
    figure = {"image": image.pk, "alt_text": "Die Werkhalle von innen", "caption": "Halle 3", "credit": "LRA"}
    return [
        {"type": "heading", "value": "Worum es geht"},
        {
            "type": "paragraph",
            "value": f'<p>Mehr im <a linktype="page" id="{link_target.pk}">Workshop</a>.</p>',
        },
        {
            "type": "quote",
            "value": {"quote": "Wir bilden aus.", "attribution": "Erika Muster", "role": "Ausbilderin"},
        },
        {
            "type": "key_figures",
            "value": {"heading": "Zahlen", "figures": [{"value": "1.200", "label": "Beschäftigte"}]},
        },
        {"type": "image", "value": figure},
        {"type": "gallery", "value": {"heading": "Bilder", "images": [figure, figure]}},
        {"type": "embed", "value": "https://www.youtube.com/watch?v=abc"},
        {
            "type": "call_to_action",
            "value": {"text": "Jetzt anmelden", "link_label": "Zum Angebot", "page": link_target.pk},
        },
    ]


def built_on_the_site(
    request: pytest.FixtureRequest,
    site_keys: dict[str, int] | None,
    django_db_blocker,
    build: Callable[[dict], Built],
    keys: Callable[[Built], Keys],
) -> Iterator[Keys | None]:
    """The body of a module-scoped fixture that builds on the module's site: ``built_once`` where both the
    site and this fixture may share, else ``None`` (its tests build their own)."""
    if site_keys is None:
        yield None
        return
    yield from built_once(request, django_db_blocker, lambda: build(fresh_pages(site_keys)), keys)


@pytest.fixture(scope="module")
def content_keys(request, site_keys, django_db_blocker) -> Iterator[dict | None]:
    """The ids of the filled pages, image and organisation, built once per module on the module's site where
    both may share."""
    yield from built_on_the_site(request, site_keys, django_db_blocker, build_content, keys_of_content)


@pytest.fixture
def content(site, content_keys) -> dict:
    """One fully filled page of every family, an Impressum and a home introduction (keys: story, offer,
    milestone, news, impressum, image, organisation, plus the ``site`` keys)."""
    return for_the_test(content_keys, lambda: build_content(site), lambda keys: read_content(site, keys))


def keys_of_content(built: dict) -> dict:
    return {
        "pages": primary_keys({name: built[name] for name in CONTENT_PAGES}),
        "image": built["image"].pk,
        "organisation": built["organisation"].pk,
    }


def read_content(site: dict, keys: dict) -> dict:
    return {
        **site,
        **fresh_pages(keys["pages"]),
        "image": get_image_model().objects.get(pk=keys["image"]),
        "organisation": Organisation.objects.get(pk=keys["organisation"]),
    }


def build_content(site: dict) -> dict:
    """Build what ``content`` describes on ``site``."""
    ludwigsburg = Municipality.objects.get(slug="ludwigsburg")
    organisation = Organisation.objects.create(
        name="Robert Bosch GmbH",
        slug="bosch",
        kind=Organisation.Kind.COMPANY,
        municipality=ludwigsburg,
        website="https://www.bosch.de",
        description="Ein Technologiekonzern.",
    )
    image = make_image("Werkhalle", size=(400, 300))
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        100,
        80,
        40,
        30,
    )
    image.save()

    offer = make_offer(
        site["mint"],
        "Robotik-Workshop",
        topics=["fachkraeftegewinnung"],
        municipalities=["ludwigsburg"],
        subjects=("informatik", "technik"),
        grade_bands=("klasse-8-10",),
    )
    offer = MintOfferPage.objects.get(pk=offer.pk)
    offer.provider = organisation
    offer.min_age, offer.max_age, offer.capacity = 13, 16, 12
    offer.registration_url = "https://example.org/anmeldung"
    offer.registration_deadline = timezone.localdate() + timedelta(days=7)
    offer.accessibility_notes = "Rollstuhlgerecht."
    offer.listing_image, offer.listing_image_alt = image, "Kinder bauen einen Roboter"
    start = timezone.now() + timedelta(days=14)
    offer.occurrences = [
        MintOccurrence(start=start, end=start + timedelta(hours=3), place="Raum 1"),
        MintOccurrence(start=start + timedelta(days=7), place=""),
    ]
    offer.body = [("paragraph", "<p>Wir bauen Roboter.</p>")]
    offer.save_revision().publish()

    story = make_story(
        site["lighthouse"], "Roboter aus Ludwigsburg", topics=["mensch"], municipalities=["ludwigsburg"]
    )
    story.hero_image, story.hero_image_alt = image, "Blick in die Werkhalle"
    story.organisation, story.sector = organisation, "engineering"
    story.body = rich_body(offer, image)
    story.save_revision().publish()

    milestone = make_milestone(
        site["history"], "Erste Zündkerze", year=1902, topics=["wissenschaft-wirtschaft"]
    )
    milestone = InnovationMilestonePage.objects.get(pk=milestone.pk)
    milestone.date, milestone.person, milestone.source = date(1902, 1, 7), "Gottlob Honold", "Firmenarchiv"
    milestone.organisation = organisation
    milestone.save_revision().publish()

    news = make_news(
        site["news"], "Gewerbesteuer erklärt", municipalities=["tamm"], topics=["innenkommunikation"]
    )
    news.kind = "explainer"
    news.save_revision().publish()

    home = site["home"]
    home.intro = f'<p>Willkommen. <a linktype="page" id="{story.pk}">Unsere Leuchttürme</a></p>'
    home.save_revision().publish()
    impressum = home.add_child(
        instance=StandardPage(title="Impressum", slug="impressum", body="<p>Landratsamt</p>")
    )
    impressum.save_revision().publish()

    refresh = {
        name: type(page).objects.get(pk=page.pk)
        for name, page in {
            "story": story,
            "offer": offer,
            "milestone": milestone,
            "news": news,
            "impressum": impressum,
        }.items()
    }
    return {
        **site,
        **refresh,
        "home": type(home).objects.get(pk=home.pk),
        "image": image,
        "organisation": organisation,
    }

"""Fixtures and helpers for the campaign-engine tests: a small site, a channel, readers with facets.

The readers are chosen so that each gets a different mail. Facets rank, they do not exclude; only the
Asperg news is local (for Asperg only):

==============  ===========================================  =========================================
reader          facets                                       pages
==============  ===========================================  =========================================
teacher         Informatik, Klasse 8–10                      both offers (Informatik first), district
                                                             news, story
asperg          lives in Asperg                              both offers, both news, story
ludwigsburg     lives in Ludwigsburg                         both offers, district news, story
pupil           Mathematik, Klasse 5–7, Ludwigsburg          both offers (Mathematik first), district
                                                             news, story
==============  ===========================================  =========================================
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from wagtail.models import Page

from campaigns.models import Campaign, Channel, Subscriber, Subscription
from page_types.models import GradeBand, MintSubject, Municipality
from tests.factories import make_image, make_news, make_offer, make_site, make_story
from tests.sharing import built_once, for_the_test, fresh, fresh_pages, primary_keys


@dataclass
class Newsletter:
    channel: Channel
    campaign: Campaign
    pages: dict[str, Page]
    readers: dict[str, Subscriber]


def make_reader(
    channel: Channel, email: str, *, name: str = "", municipality: str = "", **terms
) -> Subscriber:
    """An active subscriber of ``channel`` with the given facets (term slugs)."""
    subscriber = Subscriber.objects.create(
        email=email,
        name=name,
        municipality=Municipality.objects.filter(slug=municipality).first() if municipality else None,
    )
    for relation, model in (("subjects", MintSubject), ("grade_bands", GradeBand)):
        getattr(subscriber, relation).set(model.objects.filter(slug__in=terms.get(relation, ())))
    Subscription.objects.create(subscriber=subscriber, channel=channel, status=Subscription.Status.ACTIVE)
    return subscriber


def make_campaign(channel: Channel, **fields) -> Campaign:
    fields.setdefault("subject", "Neues für Sie im Landkreis")
    fields.setdefault("preheader", "MINT-Angebote und Nachrichten")
    fields.setdefault("intro", "<p>Liebe Leserinnen und Leser, hier ist das Neueste.</p>")
    return Campaign.objects.create(channel=channel, **fields)


@pytest.fixture(scope="module")
def newsletter_keys(request, django_db_setup, django_db_blocker) -> Iterator[dict | None]:
    """The ids of the newsletter's rows, built once per module where it may share (``tests/sharing.py``)."""
    yield from built_once(request, django_db_blocker, build_newsletter, keys_of_newsletter)


@pytest.fixture
def newsletter(db, newsletter_keys) -> Newsletter:
    """The module's newsletter read afresh for the test (or built for it)."""
    return for_the_test(newsletter_keys, build_newsletter, read_newsletter)


def keys_of_newsletter(built: Newsletter) -> dict:
    return {
        "channel": built.channel.pk,
        "campaign": built.campaign.pk,
        "pages": primary_keys(built.pages),
        "readers": primary_keys(built.readers),
    }


def read_newsletter(keys: dict) -> Newsletter:
    return Newsletter(
        Channel.objects.get(pk=keys["channel"]),
        Campaign.objects.get(pk=keys["campaign"]),
        fresh_pages(keys["pages"]),
        fresh(Subscriber, keys["readers"]),
    )


def build_newsletter() -> Newsletter:
    site = make_site()
    image = make_image("Robotik")
    offer_it = make_offer(
        site["mint"], "Robotik-Workshop", subjects=["informatik"], grade_bands=["klasse-8-10"]
    )
    offer_it.listing_image = image
    offer_it.listing_image_alt = "Jugendliche bauen einen Roboter"
    offer_it.save_revision().publish()
    pages = {
        "offer_it": offer_it,
        "offer_math": make_offer(
            site["mint"], "Mathe-Olympiade", subjects=["mathematik"], grade_bands=["klasse-5-7"]
        ),
        "news_asperg": make_news(
            site["news"], "Neues Gewerbegebiet in Asperg", municipalities=["asperg"], reach="local"
        ),
        "news_district": make_news(site["news"], "Der Landkreis in Zahlen"),
        "story": make_story(site["lighthouse"], "Ein Leuchtturm der Logistik"),
    }
    channel = Channel.objects.create(
        name="Wirtschaft & MINT", slug="wirtschaft-mint", requires_approval=False
    )
    readers = {
        "teacher": make_reader(
            channel,
            "lehrerin@example.org",
            name="Jörg Lehrer",
            subjects=["informatik"],
            grade_bands=["klasse-8-10"],
        ),
        "asperg": make_reader(channel, "asperg@example.org", municipality="asperg"),
        "ludwigsburg": make_reader(channel, "lb@example.org", name="Lea", municipality="ludwigsburg"),
        "pupil": make_reader(
            channel,
            "schueler@example.org",
            municipality="ludwigsburg",
            subjects=["mathematik"],
            grade_bands=["klasse-5-7"],
        ),
    }
    return Newsletter(channel, make_campaign(channel), pages, readers)


# Which pages each reader's mail must show (titles), and which it must not.
EXPECTED_TITLES = {
    "teacher": {"Robotik-Workshop", "Mathe-Olympiade", "Der Landkreis in Zahlen"},
    "asperg": {
        "Robotik-Workshop",
        "Mathe-Olympiade",
        "Neues Gewerbegebiet in Asperg",
        "Der Landkreis in Zahlen",
    },
    "ludwigsburg": {"Robotik-Workshop", "Mathe-Olympiade", "Der Landkreis in Zahlen"},
    "pupil": {"Robotik-Workshop", "Mathe-Olympiade", "Der Landkreis in Zahlen"},
}
ALL_TITLES = {
    "Robotik-Workshop",
    "Mathe-Olympiade",
    "Neues Gewerbegebiet in Asperg",
    "Der Landkreis in Zahlen",
}

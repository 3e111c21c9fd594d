"""Demo subscribers: about 300 invented people on example.org with varied facets, the same ones on every run.

A seeded generator (``random.Random(42)``) draws names, roles and interests from fixed lists and from the
seed vocabulary (not from the database), so every run yields the same addresses — which is how
``load_demo`` recognises the people it stored before. Client addresses come from the documentation ranges
of RFC 5737, so no real address appears in the demo's consent log.
"""

import random
from dataclasses import dataclass

from campaigns.models import Role
from page_types.slugs import german_slug
from page_types.vocabulary import INTERESTS, MINT_SUBJECTS, TOPICS, municipality_names

SEED = 42
SUBSCRIBER_COUNT = 300  # drawn at random; three showcase readers come on top
DOMAIN = "example.org"
SHARE_WITH_NAME = 0.6
SHARE_ENGLISH = 0.08
SHARE_WITH_MUNICIPALITY = 0.85
MAX_DAYS_AGO = 540
DOCUMENTATION_NETWORKS = ("192.0.2", "198.51.100", "203.0.113")

FIRST_NAMES = (
    "Anna", "Ben", "Clara", "David", "Elif", "Emma", "Felix", "Finn", "Hannah", "Jakob", "Jana", "Jonas",
    "Julia", "Katharina", "Leon", "Lena", "Luca", "Luisa", "Marie", "Maximilian", "Mia", "Moritz", "Noah",
    "Paul", "Sophie", "Tim", "Yusuf", "Zoe", "Andreas", "Birgit", "Claudia", "Jürgen", "Monika", "Sabine",
    "Stefan", "Thomas", "Ute", "Özlem", "Milan", "Agnieszka",
)  # fmt: skip
LAST_NAMES = (
    "Müller", "Schmid", "Schneider", "Fischer", "Weber", "Maier", "Wagner", "Becker", "Schäfer", "Bauer",
    "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Hofmann", "Zimmermann",
    "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Kaiser", "Fuchs", "Scholz", "Vogel",
    "Haug", "Kübler", "Rapp", "Eisele", "Bosch", "Yılmaz", "Kaya", "Nowak", "Rossi", "Popescu",
)  # fmt: skip

SCHOOL_BANDS = ("klasse-1-4", "klasse-5-7", "klasse-8-10", "klasse-11-13")


@dataclass(frozen=True)
class Profile:
    """How people in one role subscribe: how common they are, their channels and the facets they give.

    ``channels`` are in order of likelihood: everybody takes the first, some the others too.
    """

    weight: int
    channels: tuple[str, ...]
    grade_bands: tuple[str, ...] = ()
    own_band: str = ""
    subjects: bool = False
    interests: bool = False


PROFILES = {
    Role.TEACHER: Profile(18, ("mint-update", "leuchttuerme"), SCHOOL_BANDS, "lehrkraefte", subjects=True),
    Role.STUDENT: Profile(10, ("mint-update",), SCHOOL_BANDS[1:], subjects=True),
    Role.PARENT: Profile(
        15, ("mint-update", "wirtschaft-im-landkreis"), SCHOOL_BANDS[:3], "eltern", subjects=True
    ),
    Role.TRAINEE: Profile(7, ("mint-update", "leuchttuerme"), own_band="ausbildung-studium", subjects=True),
    Role.RESIDENT: Profile(30, ("wirtschaft-im-landkreis", "leuchttuerme"), interests=True),
    Role.BUSINESS: Profile(12, ("leuchttuerme", "wirtschaft-im-landkreis", "mint-update"), interests=True),
    Role.PRESS: Profile(3, ("wirtschaft-im-landkreis", "leuchttuerme", "mint-update")),
    Role.OTHER: Profile(5, ("wirtschaft-im-landkreis", "mint-update", "leuchttuerme"), interests=True),
}


@dataclass(frozen=True)
class DemoSubscriber:
    """One invented person: address, facets (as slugs), channels and when they signed up and confirmed."""

    email: str
    name: str
    language: str
    role: str
    municipality: str | None
    grade_bands: tuple[str, ...]
    subjects: tuple[str, ...]
    interests: tuple[str, ...]
    channels: tuple[str, ...]
    days_ago: int
    minutes_to_confirm: int
    ip_address: str
    mint_radius_km: int | None = None


def interests_of(topics: tuple[str, ...]) -> tuple[str, ...]:
    """The interests (slugs) that gather any of these topics (slugs), in the vocabulary's order."""
    return tuple(
        german_slug(name)
        for name, _description, gathered in INTERESTS
        if {german_slug(topic) for topic in gathered} & set(topics)
    )


def demo_subscribers() -> list[DemoSubscriber]:
    """The demo's subscribers; the same list on every call."""
    rng = random.Random(SEED)
    municipalities = [german_slug(name) for name in municipality_names()]
    subjects = [german_slug(name) for name in MINT_SUBJECTS]
    topics = [german_slug(child) for _factor, children in TOPICS for child in children]
    roles, weights = list(PROFILES), [profile.weight for profile in PROFILES.values()]

    def some(values, most: int) -> tuple[str, ...]:
        return tuple(rng.sample(values, min(len(values), rng.randint(1, most)))) if values else ()

    people = []
    for number in range(1, SUBSCRIBER_COUNT + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        role = rng.choices(roles, weights)[0]
        profile = PROFILES[role]
        bands = some(profile.grade_bands, 2) + ((profile.own_band,) if profile.own_band else ())
        people.append(
            DemoSubscriber(
                email=f"{german_slug(first)}.{german_slug(last)}.{number:03d}@{DOMAIN}",
                name=f"{first} {last}" if rng.random() < SHARE_WITH_NAME else "",
                language="en" if rng.random() < SHARE_ENGLISH else "de",
                role=role,
                municipality=rng.choice(municipalities) if rng.random() < SHARE_WITH_MUNICIPALITY else None,
                grade_bands=bands,
                subjects=some(subjects, 3) if profile.subjects else (),
                interests=interests_of(some(topics, 3)) if profile.interests else (),
                channels=profile.channels[: rng.randint(1, len(profile.channels))],
                days_ago=rng.randint(1, MAX_DAYS_AGO),
                minutes_to_confirm=rng.randint(2, 240),
                ip_address=f"{rng.choice(DOCUMENTATION_NETWORKS)}.{rng.randint(1, 254)}",
            )
        )
    return people + showcase_subscribers()


def showcase_subscribers() -> list[DemoSubscriber]:
    """Three readers who show how facets rank an issue: one who gave nothing, one who gave every facet, and
    one who narrowed MINT offers to 15 km around Asperg (the only facet that excludes)."""
    every_channel = ("mint-update", "leuchttuerme", "wirtschaft-im-landkreis")
    person = {"days_ago": 30, "minutes_to_confirm": 5, "ip_address": "192.0.2.10", "language": "de"}
    return [
        DemoSubscriber(
            email=f"ohne.angaben@{DOMAIN}",
            name="",
            role="",
            municipality=None,
            grade_bands=(),
            subjects=(),
            interests=(),
            channels=every_channel,
            **person,
        ),
        DemoSubscriber(
            email=f"alle.angaben@{DOMAIN}",
            name="Alex Allesgesagt",
            role=Role.PARENT,
            municipality="ludwigsburg",
            grade_bands=("klasse-8-10", "eltern"),
            subjects=("informatik",),
            interests=("ausbildung-beruf",),
            channels=every_channel,
            **person,
        ),
        DemoSubscriber(
            email=f"umkreis.asperg@{DOMAIN}",
            name="Uma Umkreis",
            role=Role.STUDENT,
            municipality="asperg",
            grade_bands=("klasse-8-10",),
            subjects=("technik",),
            interests=(),
            channels=("mint-update",),
            mint_radius_km=15,
            **person,
        ),
    ]

"""The demo's MINT offers address their readers as the site and the mails do: with "Sie", never "du" or "ihr"
(``docs/REDAKTION.md``, "Anrede und Ton").

"ihr" is also the formal "her/their" ("ihr erstes 3D-Modell"), so it counts as informal only as the subject
of a verb in the second person plural: "ihr" before a lower-case word ending in -t ("Ihr lernt") or after one
and before a lower-case word ("braucht ihr keine"); a German noun after the possessive is capitalised. The
other informal pronouns, and verb forms only "ihr" takes ("könnt", "solltet"), are informal in any case. An
imperative such as "kommt vorbei" looks like the third person singular and is not found.
"""

import re

import pytest

from cms.demo.offers import OFFERS
from cms.demo.specs import Heading, Paragraph

# Informal in any case: the pronouns, and the verb forms that only "ihr" takes.
PRONOUNS = re.compile(
    r"\b(?:du|dich|dir|dein\w*|euch|euer|eure\w*|habt|seid|könnt|müsst|dürft|wollt|solltet)\b", re.IGNORECASE
)
# Depends on case (the noun after a possessive is capitalised), so matched as written.
SUBJECT_IHR = re.compile(r"\b[Ii]hr\s+[a-zäöüß]+t\b|\b[a-zäöüß]+t\s+ihr\s+[a-zäöüß]")


def informal(text: str) -> list[str]:
    """The informal forms of address in ``text``."""
    return PRONOUNS.findall(text) + SUBJECT_IHR.findall(text)


def texts(offer) -> list[str]:
    return [offer.teaser] + [block.text for block in offer.body if isinstance(block, Paragraph | Heading)]


@pytest.mark.parametrize("offer", OFFERS, ids=lambda offer: offer.slug)
def test_the_demo_offers_do_not_address_readers_informally(offer):
    assert [found for text in texts(offer) for found in informal(text)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ihr lernt, wie ein Elektromotor funktioniert, lötet eure erste Platine.", ["eure", "Ihr lernt"]),
        ("Vorkenntnisse braucht ihr keine.", ["braucht ihr k"]),
        ("Kommst du mit? Wir zeigen dir alles.", ["du", "dir"]),
        ("Was ihr mitbringen solltet", ["solltet"]),
        ("Kinder und Eltern gestalten gemeinsam ihr erstes 3D-Modell.", []),
        ("Eine Ingenieurin zeigt ihr Projekt und bekommt ihr Zeugnis.", []),
        ("Sie lernen, wie der Drucker Ihr Modell aufbaut.", []),
    ],
)
def test_what_counts_as_informal(text, expected):
    assert informal(text) == expected

"""German transliteration of terms: umlauts become ö → oe instead of being dropped (ö → o) or sorted last.

``german_slug`` makes the ASCII slugs of terms, ``german_sort_key`` the keys that list them in German
alphabetical order (DIN 5007-2, "phone book" order) on any database collation.
"""

import unicodedata

from django.utils.text import slugify

UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
GERMAN_TRANSLITERATION = str.maketrans({**UMLAUTS, "&": " "})
_UMLAUT_TRANSLITERATION = str.maketrans(UMLAUTS)


def german_slug(text: str) -> str:
    """Return an ASCII slug: ``"Löchgau"`` → ``"loechgau"``, ``"A & B"`` → ``"a-b"``."""
    return slugify(text.translate(GERMAN_TRANSLITERATION))


def german_sort_key(text: str) -> str:
    """Return the key that orders ``text`` in German phone-book order (DIN 5007-2).

    Casefolded, umlauts written out and other accents dropped: ``"Ärztekammer"`` → ``"aerztekammer"``
    (between "Adler" and "Bosch", not after "Zeppelin"), ``"Straße"`` → ``"strasse"``, ``"école"`` →
    ``"ecole"``. A pure function of the text: the migration that backfilled stored keys imports it.
    """
    # NFC first, so that an umlaut typed as "u" + combining diaeresis is written out like "ü".
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUT_TRANSLITERATION)
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))

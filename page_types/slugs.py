"""Slugs for German terms: umlauts are transliterated (ö → oe) instead of dropped (ö → o)."""

from django.utils.text import slugify

GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "&": " "}
)


def german_slug(text: str) -> str:
    """Return an ASCII slug: ``"Löchgau"`` → ``"loechgau"``, ``"A & B"`` → ``"a-b"``."""
    return slugify(text.translate(GERMAN_TRANSLITERATION))

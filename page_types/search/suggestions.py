""" "Meinten Sie …?": a near miss of the searched words, from the words the site's pages actually use.

Wagtail's database backends offer no spelling suggestions, so the words of the site's titles, teasers and
vocabulary are the dictionary; a searched word found nowhere there is replaced by the closest one
(``difflib``). The dictionary is kept in the cache for the current content version.
"""

import difflib
import hashlib
import re

from django.core.cache import cache
from django.db.models import QuerySet

from page_types.models import Interest, MintSubject, Municipality
from page_types.versions import ContentVersion

WORD = re.compile(r"[^\W\d_]{4,}")
# How similar a word must be to count as meant (difflib's ratio); 0.75 lets one or two letters differ.
CUTOFF = 0.75
CACHE_SECONDS = 24 * 60 * 60


def vocabulary(pages: QuerySet) -> dict[str, str]:
    """Case-folded word → the word as the site writes it, from ``pages`` and the vocabulary terms."""
    version = ContentVersion.current()
    scope = hashlib.sha256(str(pages.query).encode()).hexdigest()[:16]
    key = f"page_types.search.vocabulary:{version.counter}:{version.changed_at.timestamp()}:{scope}"
    return cache.get_or_set(key, lambda: _collect(pages), CACHE_SECONDS)


def _collect(pages: QuerySet) -> dict[str, str]:
    texts = [text for row in pages.values_list("title", "teaser") for text in row]
    for model in (Interest, Municipality, MintSubject):
        texts.extend(model.objects.values_list("name", flat=True))
    words: dict[str, str] = {}
    for text in texts:
        for word in WORD.findall(text):
            words.setdefault(word.casefold(), word)
    return words


def suggestion(words: str, pages: QuerySet) -> str | None:
    """The searched words with each unknown one replaced by its nearest known word, or ``None`` when no
    word was replaced."""
    known = vocabulary(pages)
    corrected, changed = [], False
    for word in words.split():
        folded = word.casefold()
        if folded in known or not WORD.fullmatch(word):
            corrected.append(word)
            continue
        close = difflib.get_close_matches(folded, known, n=1, cutoff=CUTOFF)
        corrected.append(known[close[0]] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else None

"""Highlighting the searched words in a result's title and teaser with ``<mark>``.

The backend stems words ("Planet" finds "Planeten"), so a word of the text is marked when it begins with a
searched word, or when it is a searched word shortened by at most a German ending ("Planeten" marks
"Planet").
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
MIN_TERM_LENGTH = 2
# How much shorter than the searched word a word of the text may be and still count as its stem.
ENDING_LENGTH = 3
MIN_STEM_LENGTH = 4


def query_terms(words: str) -> list[str]:
    """The distinct searched words, case-folded, without the one-letter ones."""
    terms = (match.casefold() for match in WORD.findall(words))
    return list(dict.fromkeys(term for term in terms if len(term) >= MIN_TERM_LENGTH))


def matches(word: str, terms: list[str]) -> bool:
    """Whether the word of the text is one of the searched words, a longer form or a stem of one."""
    word = word.casefold()
    return any(
        word.startswith(term)
        or (term.startswith(word) and len(word) >= max(MIN_STEM_LENGTH, len(term) - ENDING_LENGTH))
        for term in terms
    )


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped for HTML, with every word that ``matches`` the terms in ``<mark>``."""
    pieces, last = [], 0
    for match in WORD.finditer(text):
        if terms and matches(match.group(), terms):
            pieces.append(escape(text[last : match.start()]))
            pieces.append(format_html("<mark>{}</mark>", match.group()))
            last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))

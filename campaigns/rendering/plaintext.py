"""The plain-text part: the same content as the HTML part, for clients and people who prefer text."""

import html
import re

from django.template.loader import render_to_string

TEMPLATE = "campaigns/email/newsletter.txt"

_LINK = re.compile(r'<a\s[^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|ul|ol|div|blockquote)>|<br\s*/?>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(markup: str) -> str:
    """Rich text as readable plain text: paragraphs kept, list items bulleted, links as ``label (url)``."""

    def link(match: re.Match) -> str:
        label = _TAG.sub("", match.group(2)).strip()
        url = html.unescape(match.group(1))
        return url if label in ("", url) else f"{label} ({url})"

    text = _LINK.sub(link, markup)
    text = _LIST_ITEM.sub("\n- ", text)
    text = _BLOCK_END.sub("\n\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [line.strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def render_text(context: dict) -> str:
    return _BLANK_LINES.sub("\n\n", render_to_string(TEMPLATE, context)).strip() + "\n"

"""``{% page_head page %}``: the ``<head>`` tags with which a page presents itself to search engines and
messengers — description, canonical link, language alternates, Open Graph, Twitter card and JSON-LD.

The host's base template calls it for every Wagtail page; the facts come from ``page_types.head`` and
``page_types.structured_data``.
"""

import json
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from page_types.head import page_head as head_of
from page_types.structured_data import structured_data

register = template.Library()

# What ``json_script`` escapes, so that no value can end the script element or open a comment.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("page_types/includes/head.html", takes_context=True)
def page_head(context: template.Context, page: Any = None) -> dict[str, Any]:
    if not isinstance(page, Page):
        return {"head": None}
    request = context.get("request")
    return {"head": head_of(page, request), "structured_data": structured_data(page, request)}


@register.filter
def json_ld(data: dict | None) -> SafeString:
    """``data`` as a JSON-LD script element (a data block: Content Security Policy does not apply)."""
    if not data:
        return mark_safe("")
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    text = text.translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))

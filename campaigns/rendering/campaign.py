"""Rendering a campaign's variants: the content is read once, each variant is rendered once.

The HTML and text hold personal placeholders; ``campaigns.rendering.personalise`` fills them per recipient.
A tracked variant's HTML also gets measured links and the open pixel (``campaigns.rendering.tracking``).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import format_html

from campaigns import app_settings
from campaigns.models import Campaign
from campaigns.rendering.content import (
    NewsletterItem,
    absolute,
    absolute_rich_text,
    campaign_page_ids,
    newsletter_items,
    sections,
)
from campaigns.rendering.mjml import render_html
from campaigns.rendering.personalise import placeholder_context
from campaigns.rendering.plaintext import html_to_text, render_text
from campaigns.rendering.ranking import Group
from campaigns.rendering.tracking import add_tracking


@dataclass(frozen=True)
class RenderedVariant:
    html: str
    text: str
    links: tuple[str, ...] = ()


class CampaignRenderer:
    """Renders the variants of one campaign from its items, read once."""

    def __init__(self, campaign: Campaign, page_ids: list[int] | None = None) -> None:
        self.campaign = campaign
        # The items' facts (dates, "Laufendes Angebot") are part of the content and are read once for all
        # variants, so they are written in the content's language, not in whichever language happens to be
        # active: an editor's English admin must not turn the preview's dates into "01/08/2027 8 p.m.".
        with translation.override(app_settings.content_language()):
            self.items: list[NewsletterItem] = newsletter_items(
                campaign_page_ids(campaign) if page_ids is None else page_ids
            )
        self._by_id = {item.page_id: item for item in self.items}
        intro_html = absolute_rich_text(campaign.intro) if campaign.intro else ""
        self._context = {
            "subject": campaign.subject,
            "subject_underline": "=" * len(campaign.subject),
            "preheader": campaign.preheader,
            "channel_name": campaign.channel.name,
            "intro_html": intro_html,
            "intro_text": html_to_text(intro_html),
            "imprint": app_settings.imprint(),
            "imprint_url": absolute(app_settings.imprint_url()),
            **placeholder_context(),
        }

    def render(
        self,
        page_ids: Sequence[int],
        language: str,
        tracked: bool = False,
        groups: Sequence[str] = (),
        web_url: str = "",
    ) -> RenderedVariant:
        """The HTML and text of the variant with these pages, in the reader's language.

        ``groups`` names each page's section (``campaigns.rendering.ranking.Group``); without them the
        sections are the content families. ``tracked`` measures the HTML's content links (the Impressum
        and the web version excepted) and adds the open pixel. ``web_url`` is the variant's web version
        ("Im Browser ansehen").
        """
        grouped = list(zip(page_ids, groups or [""] * len(page_ids), strict=True))
        kept = [(self._by_id[pk], group) for pk, group in grouped if pk in self._by_id]
        items = [item for item, _group in kept]
        content_language = app_settings.content_language()
        reader_lang = "" if language == content_language else format_html(' lang="{}"', language)
        with translation.override(language):
            context = {
                **self._context,
                # The pages exist in the content's language, so the document is in it; the frame around
                # them (greeting, headings, buttons, footer) speaks the reader's language and says so
                # where the two differ, for screen readers (WCAG 3.1.2).
                "language": content_language,
                "reader_lang": reader_lang,
                "web_url": web_url,
                "sections": sections(items, [str(Group(g).label) for _i, g in kept] if groups else None),
            }
            html, text = render_html(context), render_text(context)
        if not tracked:
            return RenderedVariant(html=html, text=text)
        html, links = add_tracking(html, exclude={self._context["imprint_url"], web_url})
        return RenderedVariant(html=html, text=text, links=tuple(links))

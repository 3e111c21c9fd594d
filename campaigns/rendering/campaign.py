"""Rendering a campaign's variants: the content is read once (and its translations once per language), each
variant is rendered once.

Each item comes in the reader's language where a live translation exists, otherwise in the language it was
written in, marked so in words ("auf Deutsch", in the reader's language) and with its ``lang``; the frame
around the items (headings, buttons, footer) is in the reader's language.

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
    translated_items,
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
        self._by_language: dict[str, dict[int, NewsletterItem]] = {}
        self._context = {
            "channel_name": campaign.channel.name,
            "imprint": app_settings.imprint(),
            "imprint_url": absolute(app_settings.imprint_url()),
            **placeholder_context(),
        }

    def texts_in(self, language: str) -> dict[str, str | bool]:
        """The issue's subject, preheader and introduction for readers of ``language``: the editor's
        translation (``CampaignText``) if there is one, else the issue's own, marked as written in the
        content's language."""
        text = self.campaign.text_in(language) or self.campaign
        intro_html = absolute_rich_text(text.intro) if text.intro else ""
        return {
            "subject": text.subject,
            "subject_underline": "=" * len(text.subject),
            "preheader": text.preheader,
            "intro_html": intro_html,
            "intro_text": html_to_text(intro_html),
            "translated": text is not self.campaign,
        }

    def items_in(self, language: str) -> dict[int, NewsletterItem]:
        """The campaign's items by page id, each in ``language`` where it is translated into it (read once
        per language, with facts such as dates written in that language)."""
        if language not in self._by_language:
            with translation.override(language):
                translated = translated_items(list(self._by_id), language)
            self._by_language[language] = {**self._by_id, **translated}
        return self._by_language[language]

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
        by_id = self.items_in(language)
        kept = [(by_id[pk], group) for pk, group in grouped if pk in by_id]
        items = [item for item, _group in kept]
        content_lang = (
            ""
            if language == app_settings.content_language()
            else format_html(' lang="{}"', app_settings.content_language())
        )
        channel_text = self.campaign.channel.text_in(language)
        texts = self.texts_in(language)
        with translation.override(language):
            context = {
                **self._context,
                **texts,
                # The document and its frame (greeting, headings, buttons, footer, the channel's name where
                # an editor translated it) are in the reader's language; what is written in another — the
                # campaign's own texts, untranslated items — says so, for screen readers (WCAG 3.1.2).
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "content_lang": content_lang,
                "campaign_lang": "" if texts["translated"] else content_lang,
                "channel_name": channel_text.name if channel_text else self.campaign.channel.name,
                "channel_lang": "" if channel_text else content_lang,
                "web_url": web_url,
                "sections": sections(items, [str(Group(g).label) for _i, g in kept] if groups else None),
            }
            html, text = render_html(context), render_text(context)
        if not tracked:
            return RenderedVariant(html=html, text=text)
        html, links = add_tracking(html, exclude={self._context["imprint_url"], web_url})
        return RenderedVariant(html=html, text=text, links=tuple(links))

"""An issue's web version: the mail's HTML with no personal value, no measurement, and a head for sharing.

The general version is what a reader who gave no facets would get (the issue's ranking for an empty
profile, in the content language); a variant's version is the HTML its readers were mailed, its measured
links and pixel taken out. Either way the personal placeholders get the values of a preview (a greeting
without a name, links to the sign-up page), so no name and no token ever appears on the web.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from campaigns import app_settings
from campaigns.models import Campaign, Variant
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.content import NewsletterItem
from campaigns.rendering.personalise import Split, sample_personal
from campaigns.rendering.plaintext import html_to_text
from campaigns.rendering.ranking import Reader
from campaigns.rendering.tracking import without_tracking
from campaigns.rendering.variants import ranking_for

DESCRIPTION_LENGTH = 160


@dataclass(frozen=True)
class WebVersion:
    """A web version's document and what its head says about it."""

    html: str
    language: str
    title: str
    description: str
    image_url: str
    image_alt: str


def general_version(campaign: Campaign) -> WebVersion:
    """The issue as a reader without facets got it (or would have got it) in the content language."""
    renderer = CampaignRenderer(campaign)
    language = app_settings.content_language()
    ranking = ranking_for(renderer.items, Reader(language=language), campaign.channel)
    rendered = renderer.render(ranking.page_ids, language, groups=ranking.groups)
    return _version(campaign, rendered.html, language, _items(renderer, ranking.page_ids))


def variant_version(variant: Variant) -> WebVersion:
    """The web version of one variant: the HTML its readers were mailed, without measurement."""
    campaign = variant.campaign
    html = without_tracking(variant.html, variant.links) if variant.tracked else variant.html
    renderer = CampaignRenderer(campaign, variant.page_ids)
    return _version(campaign, html, variant.language, _items(renderer, variant.page_ids))


def description(campaign: Campaign, language: str) -> str:
    """The meta description in ``language``: the preheader, else the start of the introduction (each in
    its translation where given), else what the issue is."""
    texts = campaign.text_in(language) or campaign
    text = texts.preheader or html_to_text(texts.intro or "").strip()
    if not text:
        with translation.override(language):
            started = formats.date_format(campaign.started_at or campaign.created_at, "DATE_FORMAT")
            text = _("Ausgabe des Newsletters „%(channel)s“ vom %(date)s") % {
                "channel": campaign.channel.reader_name,
                "date": started,
            }
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def _items(renderer: CampaignRenderer, page_ids) -> list[NewsletterItem]:
    by_id = {item.page_id: item for item in renderer.items}
    return [by_id[pk] for pk in page_ids if pk in by_id]


def _version(campaign: Campaign, html: str, language: str, items: list[NewsletterItem]) -> WebVersion:
    filled = Split.of(html).fill(sample_personal(language).as_html())
    image = next((item for item in items if item.image_url), None)
    return WebVersion(
        html=filled,
        language=language,
        title=campaign.subject_in(language),
        description=description(campaign, language),
        image_url=image.image_url if image else "",
        image_alt=image.image_alt if image else "",
    )


def with_head(version: WebVersion, campaign: Campaign, canonical_url: str, indexable: bool) -> str:
    """The document with a meta description, a canonical link and Open Graph tags in its head."""
    head = render_to_string(
        "campaigns/archive/web_version_head.html",
        {
            "version": version,
            "campaign": campaign,
            "canonical_url": canonical_url,
            "indexable": indexable,
            "site_name": app_settings.feed_publisher(),
        },
    )
    position = version.html.find("</head>")
    if position < 0:
        return head + version.html
    return version.html[:position] + head + version.html[position:]

"""A campaign's content: the channel rule's pages for the period, with the editor's picks and removals,
grouped in sections by content family, and reduced to what a newsletter shows of each page.

``campaign_page_ids`` is the single place that combines ``select_content`` (the channel rule shared with feeds
and the API) with the campaign's adjustments; ``newsletter_items`` reads each page once per campaign, so every
variant reuses the same items (and the same image renditions). ``translated_items`` reads the translations
into one reader language once, for all variants in that language.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import expand_db_html

from campaigns.models import Campaign
from campaigns.selection import select_content
from page_types.facets import AudienceFacets
from page_types.models import ContentPage, MintOfferPage
from page_types.public_urls import public_url
from page_types.translations import translation_ids

NEWSLETTER_RENDITION = "fill-600x338-c80"

# Section order and headings of a newsletter, by the page model's label.
SECTIONS = {
    "page_types.lighthousestorypage": _("Leuchttürme"),
    "page_types.mintofferpage": _("MINT-Angebote"),
    "page_types.internalnewspage": _("Aus dem Landkreis"),
    "page_types.innovationmilestonepage": _("Aus der Innovationsgeschichte"),
}
SECTION_ORDER = list(SECTIONS)

RELATIVE_HREF = re.compile(r'(href|src)="(/[^"/][^"]*|/)"')


def absolute(url: str) -> str:
    """A URL of the site made absolute with its public base URL; absolute URLs stay as they are."""
    return public_url(url)


def absolute_rich_text(html: str) -> SafeString:
    """Rich text with internal references expanded and every site-relative link made absolute.

    Marked safe as Wagtail's ``richtext`` filter marks it: it is the editor's (sanitised) markup, and the
    newsletter template must insert it as HTML, not as escaped text.
    """
    return mark_safe(
        RELATIVE_HREF.sub(lambda m: f'{m.group(1)}="{absolute(m.group(2))}"', expand_db_html(html))
    )


@dataclass(frozen=True)
class NewsletterItem:
    """What a newsletter shows of one page, and who the page is for."""

    page_id: int
    family: str
    title: str
    teaser: str
    url: str
    facts: tuple[str, ...]
    facets: AudienceFacets
    image_url: str = ""
    image_alt: str = ""
    # The language the page is written in (its locale).
    language: str = ""


@dataclass(frozen=True)
class Section:
    family: str
    heading: str
    items: tuple[NewsletterItem, ...]


def campaign_page_ids(campaign: Campaign, now: datetime | None = None) -> list[int]:
    """The pages of the campaign in newsletter order: frozen ones once sending started, else live.

    Picks come first within their section (in the editor's order), then the rule's pages newest first;
    removed pages are left out, as are picks that are no longer live and public.
    """
    if campaign.frozen_page_ids is not None:
        return list(campaign.frozen_page_ids)
    since, until = campaign.content_period(now)
    removed = {removal.page_id for removal in campaign.removals.all()}
    pick_ids = [pick.page_id for pick in sorted(campaign.picks.all(), key=lambda p: p.sort_order or 0)]
    live_picks = set(ContentPage.objects.live().public().filter(pk__in=pick_ids).values_list("pk", flat=True))
    selected = select_content(campaign.channel, since=since, until=until)
    ordered = [pk for pk in pick_ids if pk in live_picks]
    ordered += [pk for pk in selected.values_list("pk", flat=True) if pk not in live_picks]
    ordered = [pk for pk in dict.fromkeys(ordered) if pk not in removed]
    models = dict(ContentPage.objects.filter(pk__in=ordered).values_list("pk", "content_type__model"))
    rank = {label: position for position, label in enumerate(SECTION_ORDER)}
    return sorted(ordered, key=lambda pk: rank.get(f"page_types.{models.get(pk)}", len(rank)))


def newsletter_items(page_ids: list[int]) -> list[NewsletterItem]:
    """The items of the given pages, in the given order."""
    pages = (
        ContentPage.objects.filter(pk__in=page_ids)
        .select_related("listing_image", "locale")
        .prefetch_related("topics", "municipalities")
        .specific()
    )
    by_id = {page.pk: page for page in pages}
    return [_item(by_id[pk]) for pk in page_ids if pk in by_id]


def translated_items(page_ids: list[int], language: str) -> dict[int, NewsletterItem]:
    """The items of the pages' live translations into ``language``, by the original page's id; pages
    without one are left out (their readers get the original). Facts are written in the active language."""
    translations = translation_ids(page_ids, language)
    items = {item.page_id: item for item in newsletter_items(list(translations.values()))}
    return {original: items[pk] for original, pk in translations.items() if pk in items}


def sections(items: list[NewsletterItem], headings: list[str] | None = None) -> list[Section]:
    """Consecutive items under one heading as sections.

    ``headings`` gives each item's heading (the reader's sections, from ``campaigns.rendering.ranking``);
    without them the sections are the content families (items arrive grouped by ``campaign_page_ids``).
    """
    result: list[Section] = []
    for position, item in enumerate(items):
        heading = headings[position] if headings else str(SECTIONS.get(item.family, ""))
        if result and result[-1].heading == heading:
            result[-1] = Section(item.family, heading, (*result[-1].items, item))
        else:
            result.append(Section(item.family, heading, (item,)))
    return result


def _item(page: ContentPage) -> NewsletterItem:
    facets = page.audience_facets()
    image_url = ""
    if page.listing_image_id:
        image_url = absolute(page.listing_image.get_rendition(NEWSLETTER_RENDITION).url)
    return NewsletterItem(
        page_id=page.pk,
        family=facets.page_type,
        title=page.title,
        teaser=page.teaser,
        url=absolute(page.get_url() or page.url_path),
        facts=tuple(_facts(page)),
        facets=facets,
        image_url=image_url,
        image_alt=page.listing_image_alt if image_url else "",
        language=page.locale.language_code,
    )


def _facts(page: ContentPage) -> list[str]:
    """One short line of facts per family: dates and place of an offer, the year of a milestone."""
    if isinstance(page, MintOfferPage):
        facts = []
        upcoming = page.upcoming_occurrences()
        if upcoming:
            start = timezone.localtime(upcoming[0].start)
            facts.append(
                _("Termin: %(date)s") % {"date": formats.date_format(start, "SHORT_DATETIME_FORMAT")}
            )
        elif page.ongoing:
            facts.append(str(_("Laufendes Angebot")))
        if page.location:
            facts.append(page.location)
        if page.cost:
            facts.append(page.cost)
        if page.registration_deadline:
            deadline = formats.date_format(page.registration_deadline, "SHORT_DATE_FORMAT")
            facts.append(_("Anmeldung bis %(date)s") % {"date": deadline})
        return facts
    year = getattr(page, "year", None)
    return [str(year)] if year else []

"""Structured data for search engines: what a page is, in the schema.org vocabulary, as JSON-LD.

A MINT offer is one ``EducationEvent`` per date (search engines list each date of an event on its own) with
its place and municipality, organiser, price or "free", age range, grade bands and subjects; an offer
without dates (an internship by arrangement) is a ``Course``. Lighthouse stories and news for residents are
``Article``s. A milestone with an exact date is an ``Event`` in the past, one with a year only a
``CreativeWork`` about that year. The home page describes the publisher as a ``GovernmentOrganization`` and
the site as a ``WebSite`` with its search. Editors are never named: the publisher (``PAGE_TYPES_PUBLISHER``)
authors every article, as in the feeds.
"""

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from page_types import app_settings
from page_types.head import PageHead, page_head
from page_types.models import (
    HomePage,
    InnovationMilestonePage,
    InternalNewsPage,
    LighthouseStoryPage,
    MintOccurrence,
    MintOfferPage,
    Municipality,
    Organisation,
)
from page_types.public_urls import site_root_url

SCHEMA = "https://schema.org"
COUNTRY = "DE"
CURRENCY = "EUR"
# Search engines cut longer headlines.
HEADLINE_LENGTH = 110
FREE = re.compile(r"\b(kostenlos|kostenfrei|gratis|frei|umsonst)\b", re.IGNORECASE)
PRICE = re.compile(r"(\d+(?:[.,]\d{1,2})?)\s*(?:€|EUR\b|Euro\b)", re.IGNORECASE)
ORGANISATION_TYPES = {
    Organisation.Kind.SCHOOL: "School",
    Organisation.Kind.UNIVERSITY: "CollegeOrUniversity",
    Organisation.Kind.AUTHORITY: "GovernmentOrganization",
}

Node = dict[str, Any]


def structured_data(page: Page, request: HttpRequest | None) -> Node | None:
    """The JSON-LD document of ``page`` (``{"@context", "@graph"}``), or ``None`` for pages without one."""
    builders: tuple[tuple[type | tuple[type, ...], Callable[..., list[Node]]], ...] = (
        (MintOfferPage, offer_nodes),
        ((LighthouseStoryPage, InternalNewsPage), article_nodes),
        (InnovationMilestonePage, milestone_nodes),
        (HomePage, home_nodes),
    )
    for models, build in builders:
        if isinstance(page, models):
            return {"@context": SCHEMA, "@graph": build(page, request, page_head(page, request))}
    return None


# -- building blocks -------------------------------------------------------------------------------------
def publisher(request: HttpRequest | None) -> Node:
    """The organisation that publishes the site."""
    root = site_root_url(request)
    node: Node = {
        "@type": "GovernmentOrganization",
        "@id": f"{root}/#organisation",
        "name": app_settings.publisher(),
        "url": f"{root}/",
    }
    if area := app_settings.publisher_area():
        node["areaServed"] = {"@type": "AdministrativeArea", "name": area}
    return node


def organisation(term: Organisation) -> Node:
    """A company, school, university or authority of the vocabulary."""
    node: Node = {"@type": ORGANISATION_TYPES.get(term.kind, "Organization"), "name": term.name}
    if term.website:
        node["url"] = term.website
    if term.municipality_id:
        node["address"] = address(term.municipality)
    return node


def address(municipality: Municipality | None) -> Node:
    node: Node = {"@type": "PostalAddress", "addressCountry": COUNTRY}
    if municipality is not None:
        node["addressLocality"] = municipality.name
    return node


def place(name: str, municipality: Municipality | None) -> Node:
    """A place by its name (a venue or address as editors write it) in its municipality and the district."""
    area = app_settings.publisher_area()
    node: Node = {
        "@type": "Place",
        "name": name or (municipality.name if municipality else area),
        "address": address(municipality),
    }
    if area:
        node["containedInPlace"] = {"@type": "AdministrativeArea", "name": area}
    return node


def places(municipalities: list[Municipality]) -> list[Node]:
    """The page's municipalities as places, or the whole district for a page without any."""
    if municipalities:
        return [place(municipality.name, municipality) for municipality in municipalities]
    return [place("", None)] if app_settings.publisher_area() else []


def images(head: PageHead) -> list[str]:
    return [head.image.url] if head.image else []


def without_empty(node: Node) -> Node:
    """``node`` without the properties that have no value (``None``, ``""``, ``[]``)."""
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def price_of(cost: str) -> Decimal | None:
    """The price an editor wrote ("15 €", "kostenlos" → 0), or ``None`` when it names none."""
    if FREE.search(cost):
        return Decimal(0)
    if match := PRICE.search(cost):
        return Decimal(match.group(1).replace(",", "."))
    return None


def age_range(minimum: int | None, maximum: int | None) -> str | None:
    """schema.org's ``typicalAgeRange`` ("13-16", "10-")."""
    if minimum is None and maximum is None:
        return None
    return f"{minimum or 0}-{maximum if maximum is not None else ''}"


# -- MINT offers ------------------------------------------------------------------------------------------
def offer_nodes(page: MintOfferPage, request: HttpRequest | None, head: PageHead) -> list[Node]:
    municipalities = list(page.municipalities.all())
    municipality = municipalities[0] if municipalities else None
    if municipality is None and page.provider_id:
        municipality = page.provider.municipality
    price = price_of(page.cost)
    common = without_empty(
        {
            "name": page.title,
            "description": head.description,
            "url": head.canonical_url,
            "image": images(head),
            "inLanguage": head.language,
            "typicalAgeRange": age_range(page.min_age, page.max_age),
            "educationalLevel": [band.name for band in page.grade_bands.all()],
            "teaches": [subject.name for subject in page.subjects.all()],
            "isAccessibleForFree": price == 0 if price is not None else None,
            "offers": sale_offer(page, head, price),
        }
    )
    organiser = organisation(page.provider) if page.provider_id else publisher(request)
    occurrences = list(page.occurrences.all())
    if not occurrences:
        return [{"@type": "Course", "@id": f"{head.canonical_url}#angebot", **common, "provider": organiser}]
    return [event(page, occurrence, common, organiser, municipality) for occurrence in occurrences]


def event(
    page: MintOfferPage, occurrence: MintOccurrence, common: Node, organiser: Node, municipality
) -> Node:
    """One date of an offer as an event of its own."""
    return without_empty(
        {
            "@type": "EducationEvent",
            "@id": f"{common.get('url', '')}#termin-{occurrence.pk}",
            **common,
            "startDate": timezone.localtime(occurrence.start).isoformat(),
            "endDate": timezone.localtime(occurrence.end).isoformat() if occurrence.end else None,
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
            "location": place(occurrence.place or page.location, municipality),
            "organizer": organiser,
            "maximumAttendeeCapacity": page.capacity,
        }
    )


def sale_offer(page: MintOfferPage, head: PageHead, price: Decimal | None) -> Node:
    """How to take part: the price (0 for free), where to register and until when."""
    return without_empty(
        {
            "@type": "Offer",
            "url": page.registration_url or head.canonical_url,
            "price": f"{price:.2f}" if price is not None else None,
            "priceCurrency": CURRENCY if price is not None else None,
            "description": page.cost,
            "validThrough": page.registration_deadline.isoformat() if page.registration_deadline else None,
            "availability": f"{SCHEMA}/InStock" if page.registration_open else None,
        }
    )


# -- stories, news, milestones, home ----------------------------------------------------------------------
def article_nodes(page: Page, request: HttpRequest | None, head: PageHead) -> list[Node]:
    about = getattr(page, "organisation", None)
    section = page.get_sector_display() if isinstance(page, LighthouseStoryPage) else page.get_kind_display()
    return [
        without_empty(
            {
                "@type": "Article",
                "@id": f"{head.canonical_url}#artikel",
                "headline": Truncator(page.title).chars(HEADLINE_LENGTH),
                "description": head.description,
                "url": head.canonical_url,
                "mainEntityOfPage": head.canonical_url,
                "image": images(head),
                "datePublished": page.publish_date.isoformat(),
                "dateModified": timezone.localtime(head.modified).isoformat() if head.modified else None,
                "author": publisher(request),
                "publisher": publisher(request),
                "inLanguage": head.language,
                "articleSection": section,
                "keywords": ", ".join(str(interest) for interest in page.reader_interests),
                "contentLocation": places(list(page.municipalities.all())),
                "about": organisation(about) if about else None,
                "isAccessibleForFree": True,
            }
        )
    ]


def milestone_nodes(page: InnovationMilestonePage, request: HttpRequest | None, head: PageHead) -> list[Node]:
    municipalities = list(page.municipalities.all())
    who = [organisation(page.organisation)] if page.organisation_id else []
    if page.person:
        who.append({"@type": "Person", "name": page.person})
    common = {
        "@id": f"{head.canonical_url}#meilenstein",
        "name": page.title,
        "description": head.description,
        "url": head.canonical_url,
        "image": images(head),
        "inLanguage": head.language,
    }
    if page.date is None:
        return [
            without_empty(
                {
                    "@type": "CreativeWork",
                    **common,
                    "headline": Truncator(page.title).chars(HEADLINE_LENGTH),
                    "temporalCoverage": f"{page.year:04d}",
                    "about": who,
                    "spatialCoverage": places(municipalities),
                    "citation": page.source,
                    "publisher": publisher(request),
                }
            )
        ]
    return [
        without_empty(
            {
                "@type": "Event",
                **common,
                "startDate": page.date.isoformat(),
                "eventStatus": f"{SCHEMA}/EventScheduled",
                "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
                "location": (places(municipalities) or [place("", None)])[0],
                "organizer": who[0] if page.organisation_id else None,
                "contributor": who,
            }
        )
    ]


def home_nodes(page: HomePage, request: HttpRequest | None, head: PageHead) -> list[Node]:
    organisation_node = publisher(request)
    organisation_node["description"] = head.description or strip_tags(page.intro)
    website = {
        "@type": "WebSite",
        "@id": f"{organisation_node['url']}#website",
        "name": head.site_name,
        "url": organisation_node["url"],
        "inLanguage": head.language,
        "publisher": {"@id": organisation_node["@id"]},
    }
    try:
        search_url = site_root_url(request) + reverse("search")
    except NoReverseMatch:  # a host that does not mount the search
        search_url = ""
    if search_url:
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        }
    return [without_empty(organisation_node), website]

"""The one ranking function: facets order an issue's pages for a reader and never empty it; only a page's
local reach and the reader's own radius take pages away; the channel's cap keeps the best."""

import pytest

from campaigns.rendering.content import NewsletterItem
from campaigns.rendering.ranking import Group, Reader, SkipReason, only_more, rank
from page_types.facets import AudienceFacets

MINT = "page_types.mintofferpage"
NEWS = "page_types.internalnewspage"


def item(page_id: int, family: str = MINT, places=(), **facets) -> NewsletterItem:
    return NewsletterItem(
        page_id=page_id,
        family=family,
        title=f"Seite {page_id}",
        teaser="",
        url=f"https://example.org/{page_id}/",
        facts=(),
        facets=AudienceFacets(
            page_type=family, municipalities=frozenset(places), **{k: frozenset(v) for k, v in facets.items()}
        ),
    )


def ranked(items, reader, *, reachable=None, nearby_km=10, max_items=12):
    reachable = {i.page_id for i in items} if reachable is None else reachable
    return rank(items, reader, reachable=reachable, nearby_km=nearby_km, max_items=max_items)


# Offers in campaign order: far Informatik, own Mathematik, nearby Informatik, untagged Informatik.
OFFERS = [
    item(1, places=["oberstenfeld"], subjects=["informatik"]),
    item(2, places=["ludwigsburg"], subjects=["mathematik"]),
    item(3, places=["asperg"], subjects=["informatik"]),
    item(4, subjects=["informatik"]),
]


def test_what_fits_comes_first_then_own_then_nearby_then_the_district():
    reader = Reader("de", municipalities=frozenset({"ludwigsburg"}), subjects=frozenset({"informatik"}))
    result = ranked(OFFERS, reader)
    assert result.page_ids == (3, 1, 4, 2)
    assert result.groups == (Group.FITS, Group.FITS, Group.FITS, Group.MORE)
    assert result.skipped is None and not only_more(result.groups)


def test_a_reader_without_facets_gets_everything_by_place():
    result = ranked(OFFERS, Reader("de", municipalities=frozenset({"ludwigsburg"})))
    assert result.page_ids == (2, 3, 1, 4)
    assert result.groups == (Group.OWN, Group.NEARBY, Group.DISTRICT, Group.DISTRICT)


def test_a_reader_without_anything_gets_the_campaign_order():
    assert ranked(OFFERS, Reader("de")).page_ids == (1, 2, 3, 4)


def test_subjects_and_grade_bands_are_neutral_for_other_families():
    news = [item(5, NEWS, places=["tamm"]), item(6, NEWS, places=["ludwigsburg"])]
    reader = Reader(
        "de",
        municipalities=frozenset({"ludwigsburg"}),
        subjects=frozenset({"technik"}),
        grade_bands=frozenset({"klasse-5-7"}),
    )
    result = ranked(news, reader)
    assert result.page_ids == (6, 5)
    assert result.groups == (Group.OWN, Group.NEARBY)


def test_topics_rank_every_family_and_an_untagged_page_is_neutral():
    news = [item(7, NEWS, topics=["raum"]), item(8, NEWS, topics=["identitaet"]), item(9, NEWS)]
    result = ranked(news, Reader("de", topics=frozenset({"identitaet"})))
    assert result.page_ids == (8, 9, 7)


def test_only_more_when_nothing_fits_the_readers_choice():
    result = ranked(OFFERS, Reader("de", subjects=frozenset({"technik"})))
    assert set(result.page_ids) == {1, 2, 3, 4}
    assert only_more(result.groups)


def test_a_local_page_reaches_only_its_municipalities():
    reader = Reader("de", municipalities=frozenset({"tamm"}))
    assert ranked(OFFERS, reader, reachable={1, 3, 4}).page_ids == (3, 1, 4)
    assert ranked(OFFERS[:2], reader, reachable=set()).skipped == SkipReason.LOCAL


def test_the_readers_own_radius_excludes_far_offers_only():
    reader = Reader("de", municipalities=frozenset({"ludwigsburg"}), mint_radius_km=15)
    assert set(ranked(OFFERS, reader).page_ids) == {2, 3, 4}
    near_news = [item(10, NEWS, places=["oberstenfeld"])]
    assert ranked(near_news, reader).page_ids == (10,)
    assert ranked(OFFERS[:1], reader).skipped == SkipReason.RADIUS
    assert ranked(OFFERS[:2], reader, reachable={2}).skipped is None
    assert ranked(OFFERS[:1] + near_news, reader, reachable={1}).skipped == SkipReason.LOCAL_OR_RADIUS


def test_a_radius_without_a_municipality_is_neutral():
    assert len(ranked(OFFERS, Reader("de", mint_radius_km=5)).page_ids) == 4


def test_the_cap_keeps_the_best_ranked():
    reader = Reader("de", municipalities=frozenset({"ludwigsburg"}), subjects=frozenset({"informatik"}))
    assert ranked(OFFERS, reader, max_items=2).page_ids == (3, 1)


@pytest.mark.parametrize(("radius", "expected"), [(3, Group.DISTRICT), (10, Group.NEARBY)])
def test_the_channels_radius_decides_what_is_nearby(radius, expected):
    reader = Reader("de", municipalities=frozenset({"ludwigsburg"}))
    assert ranked([OFFERS[2]], reader, nearby_km=radius).groups == (expected,)


def test_an_issue_without_pages_skips_nobody():
    assert ranked([], Reader("de", municipalities=frozenset({"tamm"}))).skipped is None


def test_sections_keep_families_together_within_a_group():
    mixed = [item(11, NEWS, places=["ludwigsburg"]), item(12, MINT, places=["ludwigsburg"])]
    mixed += [item(13, NEWS, places=["ludwigsburg"])]
    result = ranked(mixed, Reader("de", municipalities=frozenset({"ludwigsburg"})))
    assert result.page_ids == (11, 13, 12)

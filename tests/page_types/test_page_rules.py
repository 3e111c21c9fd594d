"""Parent and child rules: an editor can create each page type only where it belongs."""

import pytest
from wagtail.models import Page

from page_types.models import (
    ContactPointIndexPage,
    ContactPointPage,
    ContentPage,
    HomePage,
    InnovationHistoryPage,
    InnovationMilestonePage,
    InternalNewsIndexPage,
    InternalNewsPage,
    LighthouseIndexPage,
    LighthouseStoryPage,
    MintIndexPage,
    MintOfferPage,
    SettlementGuidePage,
    StandardPage,
)

FAMILIES = [
    ("lighthouse", LighthouseIndexPage, LighthouseStoryPage),
    ("mint", MintIndexPage, MintOfferPage),
    ("history", InnovationHistoryPage, InnovationMilestonePage),
    ("news", InternalNewsIndexPage, InternalNewsPage),
]
DETAIL_MODELS = [detail for _key, _index, detail in FAMILIES]


def test_home_page_offers_the_indexes_the_guide_and_text_pages():
    assert set(HomePage.allowed_subpage_models()) == {
        LighthouseIndexPage,
        MintIndexPage,
        InnovationHistoryPage,
        InternalNewsIndexPage,
        ContactPointIndexPage,
        SettlementGuidePage,
        StandardPage,
    }


def test_contact_points_live_below_their_index_only():
    assert ContactPointPage.allowed_parent_page_models() == [ContactPointIndexPage]
    assert ContactPointIndexPage.allowed_subpage_models() == [ContactPointPage]
    assert SettlementGuidePage.allowed_subpage_models() == []


@pytest.mark.parametrize(("key", "index_model", "detail_model"), FAMILIES)
def test_each_index_takes_only_its_own_family(key, index_model, detail_model):
    assert index_model.allowed_subpage_models() == [detail_model]
    assert detail_model.allowed_parent_page_models() == [index_model]
    assert detail_model.allowed_subpage_models() == []


@pytest.mark.parametrize(("key", "index_model", "detail_model"), FAMILIES)
def test_detail_pages_are_created_below_their_index_only(site, key, index_model, detail_model):
    assert detail_model.can_create_at(site[key])
    assert not detail_model.can_create_at(site["home"])
    for other_key, _other_index, _other_detail in FAMILIES:
        if other_key != key:
            assert not detail_model.can_create_at(site[other_key])


@pytest.mark.parametrize(("key", "index_model", "detail_model"), FAMILIES)
def test_one_index_per_family_below_the_home_page(site, key, index_model, detail_model):
    """The indexes exist already in the site tree, so a second one of the same kind is refused."""
    assert not index_model.can_create_at(site["home"])
    assert not index_model.can_create_at(site[key])


def test_an_index_can_be_created_below_a_home_page_that_lacks_it(db):
    home = Page.get_first_root_node().add_child(instance=HomePage(title="Zweite Startseite", slug="zwei"))
    assert all(index_model.can_create_at(home) for _key, index_model, _detail in FAMILIES)
    assert StandardPage.can_create_at(home)


def test_text_pages_live_below_the_home_page_only(site):
    assert StandardPage.can_create_at(site["home"])
    assert not StandardPage.can_create_at(site["lighthouse"])
    assert StandardPage.allowed_subpage_models() == []


def test_the_home_page_can_only_be_created_at_the_tree_root(site):
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not HomePage.can_create_at(site["home"])
    assert not HomePage.can_create_at(site["news"])


def test_the_shared_content_base_is_not_creatable(site):
    assert not ContentPage.is_creatable
    assert not ContentPage.can_create_at(site["news"])
    assert ContentPage not in Page.creatable_subpage_models()
    assert all(issubclass(model, ContentPage) for model in DETAIL_MODELS)

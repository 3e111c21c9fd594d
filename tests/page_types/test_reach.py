"""A page's place (its municipalities) and its reach (who may get it) are separate: a local page reaches only
the people of the municipalities it names, in every listing that filters by municipality."""

import pytest
from django.core.exceptions import ValidationError

from page_types.models import ContentPage, Municipality, Reach
from tests.factories import make_news, make_offer


def _ids(pages) -> set[int]:
    return set(pages.values_list("pk", flat=True))


@pytest.fixture
def pages(site) -> dict:
    return {
        "closure": make_news(site["news"], "Straßensperrung", municipalities=["asperg"], reach=Reach.LOCAL),
        "camp": make_offer(site["mint"], "Programmiercamp", municipalities=["bietigheim-bissingen"]),
        "district": make_news(site["news"], "Der Landkreis in Zahlen"),
    }


def test_a_new_page_reaches_the_whole_district(pages):
    assert pages["camp"].reach == Reach.DISTRICT == ContentPage._meta.get_field("reach").default


def test_a_local_page_reaches_only_its_municipalities(pages):
    asperg, tamm = Municipality.objects.get(slug="asperg"), Municipality.objects.get(slug="tamm")
    everything = {page.pk for page in pages.values()}
    assert _ids(ContentPage.objects.reaching([asperg])) == everything
    assert _ids(ContentPage.objects.reaching([tamm])) == everything - {pages["closure"].pk}
    assert _ids(ContentPage.objects.reaching([])) == everything - {pages["closure"].pk}


def test_a_municipality_filter_keeps_its_place_and_the_district_but_no_local_page_without_place(pages):
    """A local page whose municipalities were removed (outside the editor's form) reaches nobody."""
    asperg = Municipality.objects.get(slug="asperg")
    assert _ids(ContentPage.objects.matching(municipalities=[asperg])) == {
        pages["closure"].pk,
        pages["district"].pk,
    }
    ContentPage.municipalities.through.objects.filter(contentpage_id=pages["closure"].pk).delete()
    assert _ids(ContentPage.objects.matching(municipalities=[asperg])) == {pages["district"].pk}


def test_a_local_page_needs_a_municipality(site):
    page = make_news(site["news"], "Gemeinderat tagt", municipalities=["tamm"])
    page.reach = Reach.LOCAL
    page.full_clean()
    page.municipalities.set([])
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "reach" in error.value.message_dict


def test_the_editor_panel_explains_place_and_reach(admin_client, pages):
    response = admin_client.get(f"/admin/pages/{pages['camp'].pk}/edit/")
    html = response.content.decode()
    assert "Ort: wo es stattfindet oder worum es geht." in html
    assert "Landkreis: alle Leserinnen und Leser eines passenden Kanals" in html
    assert 'name="reach"' in html

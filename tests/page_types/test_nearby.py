"""The MINT index "in meiner Nähe": a chosen municipality widens to those whose centres lie within the
chosen radius (``page_types.geography``); offers for the whole district stay in, a local offer still reaches
only its own municipalities, the soonest comes first, and a bad radius is the form's German error."""

from datetime import timedelta

import pytest

from page_types.reach import Reach
from tests.factories import make_offer
from tests.page_types.markup import assert_accessible_structure, soup, text_of

# Distances of the centres from Ludwigsburg: Asperg 3.9 km, Tamm 6.0 km, Sachsenheim 11.6 km,
# Vaihingen an der Enz 17.7 km.


@pytest.fixture
def offers(site):
    mint = site["mint"]
    make_offer(mint, "Vaihingen", municipalities=["vaihingen-an-der-enz"], starts_in=timedelta(days=1))
    make_offer(mint, "Tamm", municipalities=["tamm"], starts_in=timedelta(days=2))
    make_offer(mint, "Ganzer Landkreis", starts_in=timedelta(days=3))
    make_offer(mint, "Asperg", municipalities=["asperg"], starts_in=timedelta(days=4))
    make_offer(mint, "Ludwigsburg", municipalities=["ludwigsburg"], starts_in=timedelta(days=5))
    make_offer(mint, "Sachsenheim", municipalities=["sachsenheim"], starts_in=timedelta(days=6))
    make_offer(mint, "Nur für Tamm", municipalities=["tamm"], reach=Reach.LOCAL, starts_in=timedelta(days=7))
    return mint


def titles(client, url: str, **query) -> list[str]:
    """The card titles in the order the listing shows them."""
    response = client.get(url, query)
    assert response.status_code == 200
    assert_accessible_structure(soup(response))
    return [card.find("h2").get_text(strip=True) for card in soup(response).select("article.card")]


def test_the_radius_adds_the_municipalities_around_soonest_first(client, offers):
    url = offers.url
    assert titles(client, url, municipality="ludwigsburg") == ["Ganzer Landkreis", "Ludwigsburg"]
    assert titles(client, url, municipality="ludwigsburg", radius="5") == [
        "Ganzer Landkreis",
        "Asperg",
        "Ludwigsburg",
    ]
    assert titles(client, url, municipality="ludwigsburg", radius="10") == [
        "Tamm",
        "Ganzer Landkreis",
        "Asperg",
        "Ludwigsburg",
    ]
    assert titles(client, url, municipality="ludwigsburg", radius="25") == [
        "Vaihingen",
        "Tamm",
        "Ganzer Landkreis",
        "Asperg",
        "Ludwigsburg",
        "Sachsenheim",
    ]


def test_an_offer_only_for_its_own_municipality_stays_there(client, offers):
    assert "Nur für Tamm" not in titles(client, offers.url, municipality="ludwigsburg", radius="10")
    assert "Nur für Tamm" in titles(client, offers.url, municipality="tamm")


def test_the_radius_is_a_choice_of_the_get_form_in_german(client, site):
    document = soup(client.get(site["mint"].url, {"municipality": "ludwigsburg", "radius": "15"}))
    select = document.find("form", class_="filter-form").find("select", attrs={"name": "radius"})
    assert document.find("label", attrs={"for": select["id"]}).get_text(strip=True) == "Umkreis"
    assert [option.get_text(strip=True) for option in select.find_all("option")] == [
        "Nur die gewählte Kommune",
        "In der Nähe (bis 5 km)",
        "In der Nähe (bis 10 km)",
        "In der Nähe (bis 15 km)",
        "In der Nähe (bis 25 km)",
    ]
    assert select.find("option", selected=True)["value"] == "15"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"municipality": "ludwigsburg", "radius": "7"}, "Diesen Umkreis gibt es nicht"),
        ({"municipality": "ludwigsburg", "radius": "zehn"}, "Diesen Umkreis gibt es nicht"),
        ({"municipality": "ludwigsburg", "radius": "1e308"}, "Diesen Umkreis gibt es nicht"),
        ({"radius": "10"}, "Bitte wählen Sie eine Kommune, in deren Nähe gesucht werden soll"),
        ({"municipality": "atlantis", "radius": "10"}, "Diesen Wert gibt es nicht"),
    ],
)
def test_a_bad_radius_is_a_german_form_error(client, site, query, message):
    response = client.get(site["mint"].url, query)
    assert response.status_code == 400
    assert message in text_of(response)
    assert_accessible_structure(soup(response))

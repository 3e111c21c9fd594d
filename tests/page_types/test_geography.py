"""The municipalities' centres lie in the district, and "nearby" matches what people of the district know."""

import pytest

from page_types.geography import centres, distance_km, nearby
from page_types.slugs import german_slug
from page_types.vocabulary import municipality_names


def test_every_municipality_has_a_centre_inside_the_district():
    assert set(centres()) == {german_slug(name) for name in municipality_names()}
    assert len(centres()) == 39
    for slug, (latitude, longitude) in centres().items():
        assert 48.75 <= latitude <= 49.12, slug
        assert 8.80 <= longitude <= 9.45, slug


@pytest.mark.parametrize(
    ("a", "b"), [("asperg", "ludwigsburg"), ("bietigheim-bissingen", "besigheim"), ("tamm", "asperg")]
)
def test_known_neighbours_are_nearby(a, b):
    assert distance_km(a, b) < 10
    assert b in nearby(a, 10) and a in nearby(b, 10)


@pytest.mark.parametrize(
    ("a", "b"), [("gerlingen", "oberstenfeld"), ("vaihingen-an-der-enz", "affalterbach")]
)
def test_far_pairs_are_not(a, b):
    assert distance_km(a, b) > 20
    assert b not in nearby(a, 10)


def test_distances_are_symmetric_and_nearby_is_nearest_first():
    assert distance_km("asperg", "ludwigsburg") == pytest.approx(distance_km("ludwigsburg", "asperg"))
    around = nearby("ludwigsburg", 10)
    assert "ludwigsburg" not in around
    distances = [distance_km("ludwigsburg", other) for other in around]
    assert distances == sorted(distances)
    assert set(nearby("ludwigsburg", 5)) < set(around)


def test_a_municipality_without_centre_has_no_distance_and_no_neighbours():
    assert distance_km("atlantis", "asperg") is None
    assert nearby("atlantis", 50) == ()

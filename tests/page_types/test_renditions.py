"""Renditions read as rows: the same rendition ``find_existing_rendition`` finds, for the image's current
focal point."""

import pytest
from wagtail.images.models import Filter

from page_types.renditions import LISTING_RENDITION, existing_rendition_files
from tests.factories import make_image

pytestmark = pytest.mark.django_db


def made(image, spec: str):
    """The rendition made in the database: ``create_rendition``, not ``get_rendition``, whose cache may hold a
    rendition of an earlier test's image with the same id."""
    return image.create_rendition(Filter(spec=spec))


def test_the_rendition_of_the_current_focal_point_is_found():
    image = make_image("Fokus", size=(64, 36))
    first = made(image, LISTING_RENDITION)
    assert existing_rendition_files([image.pk], LISTING_RENDITION) == {image.pk: first.file.name}

    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 10, 10, 4, 4
    image.save()
    assert existing_rendition_files([image.pk], LISTING_RENDITION) == {}
    moved = made(image, LISTING_RENDITION)
    assert moved.file.name != first.file.name
    assert existing_rendition_files([image.pk], LISTING_RENDITION) == {image.pk: moved.file.name}

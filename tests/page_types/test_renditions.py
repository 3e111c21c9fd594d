"""Renditions read as rows: the same rendition ``find_existing_rendition`` finds, for the image's current
focal point."""

import pytest

from page_types.renditions import LISTING_RENDITION, existing_rendition_files
from tests.factories import make_image

pytestmark = pytest.mark.django_db


def test_the_rendition_of_the_current_focal_point_is_found():
    image = make_image("Fokus", size=(64, 36))
    first = image.get_rendition(LISTING_RENDITION)
    assert existing_rendition_files([image.pk], LISTING_RENDITION) == {image.pk: first.file.name}

    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 10, 10, 4, 4
    image.save()
    assert existing_rendition_files([image.pk], LISTING_RENDITION) == {}
    moved = image.get_rendition(LISTING_RENDITION)
    assert moved.file.name != first.file.name
    assert existing_rendition_files([image.pk], LISTING_RENDITION) == {image.pk: moved.file.name}

"""The image sizes the site, the content API and the newsletter ask Wagtail for, named once.

Listings prefetch exactly these renditions, so every place that shows an image must use the same spec.
Besides the named sizes, the API offers every image for ``srcset`` at the fixed ``SRCSET_WIDTHS`` in AVIF,
WebP and the upload's own format (``SRCSET_FORMATS``); no other widths are made, so a client cannot make
the server render arbitrary sizes.
"""

import functools
from collections.abc import Iterable
from types import SimpleNamespace

from PIL import features
from wagtail.images import get_image_model
from wagtail.images.models import Filter

# The image fields a rendition's ``focal_point_key`` is made of (Wagtail's ``Filter.get_cache_key``).
FOCAL_POINT_FIELDS = ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")

# The teaser card of the site's listings (and the API's "card" size).
LISTING_RENDITION = "fill-640x360-c80"

# The preview image of a shared link (Open Graph, Twitter card): the 1.91:1 size messengers and social
# networks show; never enlarged, so a smaller original gives a smaller image of the same shape.
SOCIAL_RENDITION = "fill-1200x630-c80"

# The named sizes every image is offered in by the content API.
RENDITIONS: dict[str, str] = {
    "thumbnail": "fill-320x320-c80",
    "card": LISTING_RENDITION,
    "medium": "width-960",
    "large": "width-1920",
}

# The widths in pixels (of the whole image, never cropped) offered for ``srcset``.
SRCSET_WIDTHS: tuple[int, ...] = (320, 640, 960, 1280, 1920)

# The formats offered for ``srcset``, best first as a ``<picture>`` lists its sources: Wagtail's format
# filter of each, empty for the upload's own format. AVIF only where Pillow can write it.
ORIGINAL_FORMAT = "original"
SRCSET_FORMATS: dict[str, str] = {
    **({"avif": "|format-avif"} if features.check("avif") else {}),
    "webp": "|format-webp",
    ORIGINAL_FORMAT: "",
}


def srcset_widths(image_width: int) -> list[int]:
    """The ``SRCSET_WIDTHS`` an image of this width is offered in: those below its width and the next one,
    which Wagtail does not enlarge, so it gives the image at its full width."""
    below = sum(width < image_width for width in SRCSET_WIDTHS)
    return list(SRCSET_WIDTHS[: below + 1])


def srcset_spec(width: int, image_format: str) -> str:
    """The filter spec of one ``srcset`` candidate (``width-640|format-webp``)."""
    return f"width-{width}{SRCSET_FORMATS[image_format]}"


def api_rendition_specs(image_width: int | None = None) -> list[str]:
    """The specs the API shows for an image of this width (of any width without one): the named sizes and
    the ``srcset`` candidates."""
    widths = SRCSET_WIDTHS if image_width is None else srcset_widths(image_width)
    srcset = [srcset_spec(width, image_format) for image_format in SRCSET_FORMATS for width in widths]
    return list(dict.fromkeys([*RENDITIONS.values(), *srcset]))


@functools.cache
def spec_filter(spec: str) -> Filter:
    """Wagtail's filter of ``spec``, parsed once per process: a Filter caches its parsed operations, which
    every rendition lookup needs (parsing them for each image of a listing cost more than the lookup)."""
    return Filter(spec)


def api_filters(image_width: int) -> list[Filter]:
    """``api_rendition_specs`` of an image of this width, as Wagtail's filters."""
    return [spec_filter(spec) for spec in api_rendition_specs(image_width)]


def existing_rendition_files(image_ids: Iterable[int], spec: str) -> dict[int, str]:
    """The file names of the existing renditions of ``spec``, by image id, read as rows in two queries: what
    ``find_existing_rendition`` finds for each image (the rendition of its current focal point), without
    building image and rendition objects, which cost more than the rest of a 500-item feed's images."""
    images = get_image_model().objects.filter(pk__in=image_ids).values("id", *FOCAL_POINT_FIELDS)
    wanted = spec_filter(spec)
    keys = {image["id"]: wanted.get_cache_key(SimpleNamespace(**image)) for image in images}
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id__in=keys, filter_spec=spec)
        .values_list("image_id", "focal_point_key", "file")
    )
    return {image_id: file for image_id, key, file in renditions if keys[image_id] == key}

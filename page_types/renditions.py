"""The image sizes the site, the content API and the newsletter ask Wagtail for, named once.

Listings prefetch exactly these renditions, so every place that shows an image must use the same spec.
"""

# The teaser card of the site's listings (and the API's "card" size).
LISTING_RENDITION = "fill-640x360-c80"

# The named sizes every image is offered in by the content API.
RENDITIONS: dict[str, str] = {
    "thumbnail": "fill-320x320-c80",
    "card": LISTING_RENDITION,
    "medium": "width-960",
    "large": "width-1920",
}

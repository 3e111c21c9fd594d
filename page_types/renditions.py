"""The image sizes the site, the content API and the newsletter ask Wagtail for, named once.

Listings prefetch exactly these renditions, so every place that shows an image must use the same spec.
"""

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

"""Feed autodiscovery: ``<link rel="alternate">`` elements that let browsers and feed readers find the feeds.

``{% feed_autodiscovery page %}`` in the ``<head>`` of the site's base template names, on an index page, the
feeds of every public channel whose rule admits the pages it lists; on other pages it renders nothing and
costs no query.
"""

from django import template
from wagtail.models import Page

from campaigns.feeds.channels import channels_including
from campaigns.feeds.outlets import OutletLink, feed_links
from page_types.models import ListingIndexPage

register = template.Library()


@register.inclusion_tag("campaigns/feeds/autodiscovery.html")
def feed_autodiscovery(page: Page | None = None) -> dict[str, list[OutletLink]]:
    if not isinstance(page, ListingIndexPage):
        return {"links": []}
    channels = channels_including(page.child_model())
    return {"links": [link for channel in channels for link in feed_links(channel)]}

"""Feed autodiscovery: ``<link rel="alternate">`` elements that let browsers and feed readers find the feeds.

``{% feed_autodiscovery page %}`` in the ``<head>`` of the site's base template names the RSS, Atom and JSON
feeds of every public channel whose rule admits the page's family: on a content page its own family, on an
index page the family it lists, on the home page every family. Other pages and views get none and cost no
query.
"""

from django import template
from django.db.models import QuerySet
from wagtail.models import Page

from campaigns.feeds.channels import channels_including, public_channels
from campaigns.feeds.outlets import OutletLink, feed_links
from campaigns.models import Channel
from page_types.models import ContentPage, HomePage, ListingIndexPage

register = template.Library()


def channels_for(page: Page | None) -> QuerySet[Channel] | list[Channel]:
    """The public channels whose feeds may contain ``page`` or the pages it lists."""
    if isinstance(page, ContentPage):
        return channels_including(type(page))
    if isinstance(page, ListingIndexPage):
        return channels_including(page.child_model())
    if isinstance(page, HomePage):
        return public_channels()
    return []


@register.inclusion_tag("campaigns/feeds/autodiscovery.html")
def feed_autodiscovery(page: Page | None = None) -> dict[str, list[OutletLink]]:
    return {"links": [link for channel in channels_for(page) for link in feed_links(channel)]}

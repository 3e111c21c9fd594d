"""Current items that fit one reader: the channel rule's newest pages, ranked for the reader as an issue
ranks them (``rank``) under the channel's radius and cap.

The welcome mail is made of them, and the page after a confirmation links to them; one function, so the two
never disagree about what fits.
"""

from campaigns.models import Campaign, Channel, Subscriber
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.content import NewsletterItem
from campaigns.rendering.ranking import Ranking, Reader, rank
from campaigns.rendering.variants import reachable_pages, readers
from campaigns.selection import select_content

# The channel's newest pages the ranking chooses from.
CANDIDATES = 50


def reader_of(subscriber: Subscriber) -> Reader:
    """The subscriber's facets as the ranking reads them."""
    return readers(Subscriber.objects.filter(pk=subscriber.pk))[subscriber.pk]


def current_pages(channel: Channel) -> list[int]:
    """The ids of the channel rule's newest pages, the candidates of every ranking here."""
    return list(select_content(channel).values_list("pk", flat=True)[:CANDIDATES])


def rank_current(renderer: CampaignRenderer, reader: Reader, max_items: int) -> Ranking:
    """The renderer's items ranked for ``reader``: at most ``max_items`` (and the channel's cap)."""
    channel = renderer.campaign.channel
    return rank(
        renderer.items,
        reader,
        reachable=reachable_pages([item.page_id for item in renderer.items], reader.home),
        nearby_km=channel.nearby_km,
        max_items=min(max_items, channel.max_items),
    )


def fitting_items(subscriber: Subscriber, channels: list[Channel], max_items: int) -> list[NewsletterItem]:
    """Up to ``max_items`` current items of ``channels`` that fit the subscriber, best first, each once,
    in the reader's language where translated."""
    reader = reader_of(subscriber)
    found: dict[int, NewsletterItem] = {}
    for channel in channels:
        renderer = CampaignRenderer(Campaign(channel=channel, subject=channel.name), current_pages(channel))
        in_language = renderer.items_in(reader.language)
        for page_id in rank_current(renderer, reader, max_items).page_ids:
            found.setdefault(page_id, in_language[page_id])
    return list(found.values())[:max_items]

"""Which public channels a page or the channel list offers feeds for."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from campaigns.models import Channel
from page_types.models import ContentPage, MintOfferPage


def public_channels() -> QuerySet[Channel]:
    """The channels whose feeds are served, in their editorial order."""
    return Channel.objects.filter(is_public=True)


def channels_including(model: type[ContentPage]) -> QuerySet[Channel]:
    """Public channels whose rule admits pages of ``model`` (no page types in the rule admits every type)."""
    content_type = ContentType.objects.get_for_model(model)
    return public_channels().filter(Q(page_types=None) | Q(page_types=content_type)).distinct()


def has_calendar(channel: Channel) -> bool:
    """Whether the channel's rule admits MINT offers, the only pages with dates."""
    page_type_ids = {content_type.pk for content_type in channel.page_types.all()}
    return not page_type_ids or ContentType.objects.get_for_model(MintOfferPage).pk in page_type_ids

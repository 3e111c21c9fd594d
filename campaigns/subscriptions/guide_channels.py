"""The newsletters the settlement guide recommends, answering the ``page_types_guide_channels`` hook.

A public channel fits when its rule brings more of what the guide's answer shows (its page types include
one of the answer's families, or it has none) and, where both name topics, they share one. Its sign-up link
carries the reader's choices, so the form opens with the channel, municipality, language and the interests
that gather the profile's topics filled in. Names and descriptions are in the reader's language.
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.urls import reverse

from campaigns.models import Channel
from campaigns.reader_languages import reader_languages
from page_types.guide.channels import ChannelSuggestion, GuideChoice
from page_types.models import Interest
from page_types.models.querysets import topic_ids
from page_types.taxonomy import shown_interests


def guide_channels(request: HttpRequest | None, choice: GuideChoice) -> list[ChannelSuggestion]:
    """The public channels that fit the guide's answer, with prefilled sign-up links."""
    shown = {ct.pk for ct in ContentType.objects.get_for_models(*choice.page_models).values()}
    wanted_topics = topic_ids(choice.topics)
    interests = [interest.slug for interest in shown_interests(choice.topics, Interest.objects.by_topic())]
    suggestions = []
    for channel in Channel.objects.filter(is_public=True).prefetch_related("page_types", "topics", "texts"):
        types = {ct.pk for ct in channel.page_types.all()}
        topics = topic_ids(channel.topics.all())
        if (types and not types & shown) or (topics and wanted_topics and not topics & wanted_topics):
            continue
        suggestions.append(
            ChannelSuggestion(
                channel.reader_name, channel.reader_description, signup_url(channel, choice, interests)
            )
        )
    return suggestions


def signup_url(channel: Channel, choice: GuideChoice, interests: list[str]) -> str:
    """The sign-up form's address with the channel, the municipality, the interests and (if offered) the
    language."""
    query = [("channels", channel.slug), ("municipality", choice.municipality.slug)]
    query += [("interests", slug) for slug in interests]
    if choice.language is not None and choice.language.slug in dict(reader_languages()):
        query.append(("language", choice.language.slug))
    return f"{reverse('newsletter:signup')}?{urlencode(query)}"

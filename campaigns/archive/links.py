"""The absolute URLs of an issue's web versions, as mails and the archive link to them."""

from django.urls import reverse

from campaigns.models import Campaign
from campaigns.rendering.content import absolute


def issue_path(campaign: Campaign) -> str:
    """The path of the issue's general (non-personal) web version."""
    return reverse(
        "newsletter:issue", kwargs={"channel_slug": campaign.channel.slug, "issue_id": campaign.pk}
    )


def web_version_url(campaign: Campaign, web_key: str) -> str:
    """The absolute URL of the web version of one variant of the issue ("Im Browser ansehen")."""
    path = reverse(
        "newsletter:issue_variant",
        kwargs={"channel_slug": campaign.channel.slug, "issue_id": campaign.pk, "web_key": web_key},
    )
    return absolute(path)

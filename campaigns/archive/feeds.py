"""The Atom feed of a public channel's sent issues (Django's syndication framework)."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from campaigns import app_settings
from campaigns.archive.issues import public_channel, sent_issues
from campaigns.archive.links import issue_path
from campaigns.archive.web_version import description
from campaigns.models import Campaign, Channel
from campaigns.rendering.content import absolute

FEED_ISSUES = 20


class IssueFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, channel_slug: str) -> Channel:
        return public_channel(channel_slug)

    def title(self, channel: Channel) -> str:
        return _("Newsletter-Archiv: %(channel)s") % {"channel": channel.name}

    def subtitle(self, channel: Channel) -> str:
        return channel.description

    def link(self, channel: Channel) -> str:
        return absolute(reverse("newsletter:archive", kwargs={"channel_slug": channel.slug}))

    def feed_url(self, channel: Channel) -> str:
        return absolute(reverse("newsletter:archive_feed", kwargs={"channel_slug": channel.slug}))

    def author_name(self) -> str:
        return app_settings.feed_publisher()

    def items(self, channel: Channel) -> list[Campaign]:
        return list(sent_issues(channel)[:FEED_ISSUES])

    def item_title(self, campaign: Campaign) -> str:
        return campaign.subject

    def item_description(self, campaign: Campaign) -> str:
        return description(campaign, app_settings.content_language())

    def item_link(self, campaign: Campaign) -> str:
        return absolute(issue_path(campaign))

    def item_guid(self, campaign: Campaign) -> str:
        return absolute(issue_path(campaign))

    def item_pubdate(self, campaign: Campaign) -> datetime | None:
        return campaign.started_at

    def item_updateddate(self, campaign: Campaign) -> datetime | None:
        return campaign.finished_at or campaign.started_at

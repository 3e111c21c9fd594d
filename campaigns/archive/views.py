"""Public pages of sent issues: the archive of a channel, an issue's web version, a variant's web version.

Answers carry no cookie of the reader's and nothing personal; a non-public channel has no archive, and its
web versions are shown to signed-in editors only.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from campaigns.archive.feeds import IssueFeed
from campaigns.archive.issues import (
    login_redirect,
    mailed_variant,
    may_see,
    public_channel,
    sent_issue,
    sent_issues,
)
from campaigns.archive.links import issue_path
from campaigns.archive.web_version import WebVersion, general_version, variant_version, with_head
from campaigns.models import Campaign
from campaigns.rendering.content import absolute

ISSUES_PER_PAGE = 20


def archive(request: HttpRequest, channel_slug: str) -> HttpResponse:
    """The channel's sent issues, newest first, a page at a time."""
    channel = public_channel(channel_slug)
    page = Paginator(sent_issues(channel), ISSUES_PER_PAGE).get_page(request.GET.get("seite"))
    context = {"channel": channel, "page_obj": page, "issues": page.object_list}
    return render(request, "campaigns/archive/archive.html", context)


def issue(request: HttpRequest, channel_slug: str, issue_id: int) -> HttpResponse:
    """The general (non-personal) web version of a sent issue."""
    campaign = sent_issue(channel_slug, issue_id)
    if not may_see(request, campaign.channel):
        return login_redirect(request)
    return _document(campaign, general_version(campaign))


def issue_variant(request: HttpRequest, channel_slug: str, issue_id: int, web_key: str) -> HttpResponse:
    """The web version of the variant a mail's "Im Browser ansehen" names."""
    variant = mailed_variant(channel_slug, issue_id, web_key)
    if not may_see(request, variant.campaign.channel):
        return login_redirect(request)
    return _document(variant.campaign, variant_version(variant))


def _document(campaign: Campaign, version: WebVersion) -> HttpResponse:
    public = campaign.channel.is_public
    response = HttpResponse(with_head(version, campaign, absolute(issue_path(campaign)), indexable=public))
    response["Content-Language"] = version.language
    if not public:
        response["Cache-Control"] = "private, no-store"
        patch_vary_headers(response, ["Cookie"])
    return response


archive_feed = IssueFeed()

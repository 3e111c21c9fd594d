"""Public pages of sent issues: the archive of a channel, an issue's web version, a variant's web version.

Answers carry no cookie of the reader's and nothing personal; a non-public channel has no archive, and its
web versions are shown to signed-in editors only.
"""

from collections.abc import Callable

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from campaigns import app_settings
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
from page_types import caching

ISSUES_PER_PAGE = 20


def archive(request: HttpRequest, channel_slug: str) -> HttpResponse:
    """The channel's sent issues, newest first, a page at a time."""
    channel = public_channel(channel_slug)
    page = Paginator(sent_issues(channel), ISSUES_PER_PAGE).get_page(request.GET.get("seite"))
    context = {"channel": channel, "page_obj": page, "issues": page.object_list}
    return render(request, "campaigns/archive/archive.html", context)


#: A mail's HTML styles itself inline (as mail clients need); the web version shows it as it was mailed.
inline_styles = csp_update({"style-src": [UNSAFE_INLINE]})


@inline_styles
def issue(request: HttpRequest, channel_slug: str, issue_id: int) -> HttpResponse:
    """The general (non-personal) web version of a sent issue."""
    campaign = sent_issue(channel_slug, issue_id)
    if not may_see(request, campaign.channel):
        return login_redirect(request)
    return _document(request, campaign, app_settings.content_language(), lambda: general_version(campaign))


@inline_styles
def issue_variant(request: HttpRequest, channel_slug: str, issue_id: int, web_key: str) -> HttpResponse:
    """The web version of the variant a mail's "Im Browser ansehen" names."""
    variant = mailed_variant(channel_slug, issue_id, web_key)
    if not may_see(request, variant.campaign.channel):
        return login_redirect(request)
    return _document(request, variant.campaign, variant.language, lambda: variant_version(variant))


def _document(
    request: HttpRequest, campaign: Campaign, language: str, build: Callable[[], WebVersion]
) -> HttpResponse:
    """The web version as a response: a public channel's rendered once per content version and URL
    (``page_types.caching``), a non-public channel's for the signed-in editor only."""
    public = campaign.channel.is_public

    def render() -> bytes:
        canonical = absolute(issue_path(campaign))
        return with_head(build(), campaign, canonical, indexable=public).encode()

    if not public:
        response = HttpResponse(render())
        caching.mark_private(response)
        patch_vary_headers(response, ["Cookie"])
    else:
        validators = caching.validators_for(request)
        if conditional := caching.conditional_response(request, validators):
            return conditional
        body = caching.cached_body(validators)
        if body is None:
            body = render()
            caching.keep_body(validators, body)
        response = HttpResponse(body)
        caching.mark_cacheable(response, validators)
    response["Content-Language"] = language
    return response


archive_feed = IssueFeed()

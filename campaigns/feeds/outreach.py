"""What the content pages offer their readers from the outreach side: the newsletter sign-up and the
channel calendar, answering the ``page_types_outreach`` hook (``page_types.templatetags.content_tags``).

On a listing of MINT offers the calendar link carries the reader's filters, so "Informatik, Klasse 8–10 in
Ludwigsburg" can be subscribed to as exactly that selection; on an offer page it is the whole channel.
"""

from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail.models import Page

from campaigns.feeds.channels import channels_including, has_calendar
from campaigns.feeds.filters import SELECTION_FILTERS, FeedFilterForm
from campaigns.feeds.outlets import CALENDAR
from page_types.models import ContentPage, ListingIndexPage, MintOfferPage
from page_types.public_urls import public_url


def listed_model(page: Page) -> type[ContentPage] | None:
    """The content family a page is or lists, or ``None`` for other pages."""
    if isinstance(page, ListingIndexPage):
        return page.child_model()
    if isinstance(page, ContentPage):
        return type(page)
    return None


def selection_query(request: HttpRequest | None) -> str:
    """The reader's valid selection filters as a feed query string (``?subject=informatik``), or ``""``."""
    if request is None:
        return ""
    chosen = QueryDict(mutable=True)
    for name in SELECTION_FILTERS:
        if value := request.GET.get(name):
            chosen[name] = value
    filters = FeedFilterForm(chosen)
    return filters.selection_query() if filters.is_valid() else ""


def page_outreach(request: HttpRequest | None, page: Page) -> SafeString | str:
    """The newsletter and calendar box for a MINT listing or offer page; ``""`` for other pages."""
    model = listed_model(page)
    if request is None or model is None or not issubclass(model, MintOfferPage):
        return ""
    # A channel made for MINT offers rather than one that takes every page, where both exist.
    channels = [c for c in channels_including(model).prefetch_related("page_types") if has_calendar(c)]
    channel = min(channels, key=lambda candidate: not candidate.page_types.all(), default=None)
    context = {"page": page, "is_listing": isinstance(page, ListingIndexPage)}
    if channel is not None:
        query = selection_query(request) if context["is_listing"] else ""
        calendar_url = public_url(CALENDAR.path(channel) + query)
        context.update(
            channel=channel,
            filtered=bool(query),
            calendar_url=calendar_url,
            # webcal: makes the browser hand the address to the calendar app as a subscription.
            webcal_url="webcal://" + calendar_url.partition("://")[2],
        )
    return render_to_string("campaigns/feeds/outreach.html", context, request=request)

"""The feed views: one view serves every outlet of a channel, one page lists the channels.

Bad input never reaches the database: an unknown or internal channel is a 404, an unknown, repeated or
invalid filter a 400 with a German message naming the parameter. Feeds are rendered in the content's
language whatever the reader's browser prefers, or in the one their address asks for: its prefix
(``/en/feeds/…``) or ``?locale=en``.
"""

from dataclasses import dataclass, replace

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from campaigns import app_settings
from campaigns.feeds.channels import has_calendar, public_channels
from campaigns.feeds.filters import SELECTION_FILTERS, FeedFilterForm
from campaigns.feeds.items import FeedSource
from campaigns.feeds.outlets import CALENDAR, JSON_FEED, OUTLETS, Outlet, OutletLink, feed_links
from campaigns.models import Channel
from page_types import caching
from page_types.problems import problem_response
from page_types.public_urls import public_url

ERROR_CACHE_CONTROL = "private, no-store"


@require_safe
def feed(request: HttpRequest, channel: str, outlet: str) -> HttpResponse:
    """A channel's feed or calendar, from the cache when the content has not changed since it was built."""
    address_language = translation.get_language()  # the address's prefix; German without one
    with translation.override(app_settings.content_language()):
        channel_obj = public_channels().filter(slug=channel).first()
        if channel_obj is None:
            raise Http404("Unknown channel")
        filters = FeedFilterForm(request.GET)
        chosen = OUTLETS[outlet]
        if not filters.is_valid():
            return _bad_request(filters) if chosen is not JSON_FEED else _problem(filters)
        # Every outlet changes at midnight as well: a calendar keeps the dates of the last days only
        # (``calendar.first_day``), a feed names each offer's next date (``events``).
        midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        media_type = chosen.media_type_for(request)
        validators = caching.validators_for(request, valid_from=midnight, media_type=media_type)
        if (response := caching.conditional_response(request, validators)) is not None:
            return _negotiated(response, chosen)
        body = caching.cached_body(validators)
        if body is None:
            limit = filters.item_limit(chosen.default_limit())
            language = filters.language(address_language)
            with translation.override(language):
                body = chosen.build(FeedSource.select(channel_obj, filters, request, limit, language))
            caching.keep_body(validators, body, timeout=app_settings.feed_cache_seconds())
        content_type = f"{media_type}; charset=utf-8"
        response = caching.body_response(body, validators, content_type=content_type)
        response["Content-Language"] = filters.language(address_language)
        if chosen is CALENDAR:
            response["Content-Disposition"] = f'inline; filename="{channel_obj.slug}.ics"'
        return _negotiated(response, chosen)


def _negotiated(response: HttpResponseBase, outlet: Outlet) -> HttpResponseBase:
    """Tell caches that an outlet answering in two media types chose by the request's ``Accept``."""
    if outlet.browser_type:
        patch_vary_headers(response, ["Accept"])
    return response


def _bad_request(filters: FeedFilterForm) -> HttpResponse:
    """A plain-text 400 that a person reading a feed reader's error (or the URL in a browser) understands."""
    lines = [str(error) for error in filters.non_field_errors()]
    lines += [
        f"{name}: {error}" for name, errors in filters.errors.items() if name != "__all__" for error in errors
    ]
    response = HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = ERROR_CACHE_CONTROL
    return response


def _problem(filters: FeedFilterForm) -> HttpResponse:
    """The 400 of a JSON Feed: problem details like the APIs' errors, with the messages per parameter."""
    errors = filters.errors.get_json_data()
    messages = {name: [error["message"] for error in errors] for name, errors in errors.items()}
    first = next(iter(messages.values()))[0]
    return problem_response(400, first, messages)


@dataclass(frozen=True)
class ChannelEntry:
    """A channel on the channel list: its feed links and, where it has dates, its calendar's addresses."""

    channel: Channel
    feed_links: list[OutletLink]
    calendar_url: str = ""
    webcal_url: str = ""


@require_safe
def channel_list(request: HttpRequest) -> HttpResponse:
    """All public channels with their feed and calendar links, narrowed by the filters a reader chose."""
    filters = FeedFilterForm(request.GET or None)
    query = filters.selection_query() if filters.is_valid() else ""
    entries = []
    for channel in public_channels().prefetch_related("page_types"):
        entry = ChannelEntry(channel, feed_links(channel, query))
        if has_calendar(channel):
            calendar_url = public_url(CALENDAR.path(channel) + query)
            # webcal: makes the browser hand the address to the calendar app as a subscription.
            webcal_url = "webcal://" + calendar_url.partition("://")[2]
            entry = replace(entry, calendar_url=calendar_url, webcal_url=webcal_url)
        entries.append(entry)
    context = {
        "entries": entries,
        "filters": filters,
        "selection_fields": [filters[name] for name in SELECTION_FILTERS],
        "max_items": app_settings.feed_max_items(),
        "feed_items": app_settings.feed_items(),
        "calendar_events": app_settings.calendar_events(),
    }
    return render(
        request, "campaigns/feeds/channel_list.html", context, status=400 if filters.errors else 200
    )

"""Every public channel of the demo has four working outlets whose items are its newsletter selection."""

from datetime import datetime, time

from django.utils import timezone

from campaigns.feeds.calendar import first_day
from campaigns.models import Channel
from campaigns.selection import select_content
from page_types.models import MintOccurrence
from tests.campaigns.feeding import events, ids, item_ids, parse_calendar


def test_every_demo_channel_has_four_outlets_matching_its_selection(demo, db, client):
    channels = list(Channel.objects.filter(is_public=True))
    assert len(channels) == 3
    since = timezone.make_aware(datetime.combine(first_day(), time.min))
    for channel in channels:
        expected = ids(select_content(channel))[:50]
        assert expected, channel.slug
        for outlet in ("rss", "atom", "json"):
            assert item_ids(client.get(f"/feeds/{channel.slug}/{outlet}/"), outlet) == expected, outlet

        calendar = parse_calendar(client.get(f"/feeds/{channel.slug}/ics/"))
        dates = MintOccurrence.objects.filter(page__in=select_content(channel), start__gte=since)
        assert {f"occurrence-{pk}@127.0.0.1" for pk in dates.values_list("pk", flat=True)} == set(
            events(calendar)
        )
    assert any(events(parse_calendar(client.get(f"/feeds/{c.slug}/ics/"))) for c in channels)

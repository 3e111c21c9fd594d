"""The same reach everywhere: a page meant only for its municipalities appears in the API's and the feeds'
``municipality=`` listings and in the mails of exactly those municipalities' readers — and a page for the
whole district reaches a reader of any municipality, in the mail ranked by place rather than left out."""

import json

import pytest

from campaigns.sending import freeze
from page_types.models import Reach
from tests.campaigns.engine import make_campaign, make_reader
from tests.campaigns.feeding import item_ids
from tests.factories import make_news


def api_ids(client, municipality: str) -> set[int]:
    response = client.get(f"/api/v2/pages/?municipality={municipality}&limit=50")
    assert response.status_code == 200
    return {item["id"] for item in json.loads(response.content)["items"]}


@pytest.fixture
def outlets(feed_site):
    closure = make_news(
        feed_site.tree["news"], "Ortsdurchfahrt Tamm gesperrt", municipalities=["tamm"], reach=Reach.LOCAL
    )
    channel = feed_site.channels["alles"]
    readers = {
        town: make_reader(channel, f"{town}@example.org", municipality=town) for town in ("tamm", "murr")
    }
    _renderer, plans, _skipped = freeze.plan(make_campaign(channel))
    mails = {
        town: next(set(p.page_ids) for p in plans if reader.pk in p.subscriber_ids)
        for town, reader in readers.items()
    }
    return feed_site, closure, mails


@pytest.mark.parametrize("town", ["tamm", "murr"])
def test_api_feeds_and_mails_agree_on_a_local_page(client, outlets, town):
    feed_site, closure, mails = outlets
    feed = set(item_ids(client.get(feed_site.url("alles", "json", f"?municipality={town}")), "json"))
    api = api_ids(client, town)
    expected = town == "tamm"
    assert (closure.pk in api, closure.pk in feed, closure.pk in mails[town]) == (expected,) * 3


def test_a_mail_keeps_what_a_municipality_filter_leaves_out(client, outlets):
    """The filters stay explicit filters; a reader in Murr still gets Tamm's lighthouse story."""
    feed_site, _closure, mails = outlets
    story = feed_site.pages["story"].pk
    assert story not in api_ids(client, "murr")
    assert story in mails["murr"]

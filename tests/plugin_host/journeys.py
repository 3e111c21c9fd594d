"""What a reader and an editor do on the plugin host: sign up and confirm, receive a campaign, read the feed
and the content API — all through the plugins' own URLs, templates and settings, with no ``cms`` loaded.

Run by ``tests/cms/test_plugin_host.py`` in a fresh interpreter with ``tests.plugin_host.settings`` (a second
Django configuration cannot be loaded into the suite's process).
"""

import re
import sys

import feedparser
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from campaigns.models import Campaign, Channel, Subscriber, Subscription
from tests.factories import make_offer, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def musterstadt() -> dict:
    site = make_site()
    channel = Channel.objects.create(
        name="Musterstadt MINT", slug="musterstadt-mint", requires_approval=False
    )
    offer = make_offer(site["mint"], "Löten für Einsteiger", subjects=["technik"])
    return {"site": site, "channel": channel, "offer": offer}


def test_the_plugin_host_is_migrated_and_loads_nothing_of_the_leuchtturm_host():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert not any(name == "cms" or name.startswith("cms.") for name in sys.modules)


def test_a_reader_signs_up_confirms_and_receives_a_campaign(
    musterstadt, settings, django_capture_on_commit_callbacks
):
    settings.CAMPAIGNS_QUEUE_CONFIRMATION_MAILS = False
    visitor = Client(REMOTE_ADDR="10.9.8.7")
    form = visitor.get("/newsletter/").content.decode()
    version = re.search(r'name="consent_version" value="([^"]+)"', form).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        signup = visitor.post(
            "/newsletter/",
            {
                "email": "ina@example.org",
                "channels": ["musterstadt-mint"],
                "consent": "on",
                "consent_version": version,
            },
        )
    assert signup.status_code == 303
    [confirmation] = mail.outbox
    confirm_path = re.search(
        r"https://www\.musterstadt\.example(/newsletter/confirm/[^/\s]+/)", confirmation.body
    )
    assert confirm_path, confirmation.body
    assert visitor.post(confirm_path.group(1)).status_code == 200
    reader = Subscriber.objects.get(email="ina@example.org")
    assert reader.subscriptions.get().status == Subscription.Status.ACTIVE

    campaign = Campaign.objects.create(channel=musterstadt["channel"], subject="Neu in Musterstadt")
    call_command("send_campaign", str(campaign.pk), "--inline", stdout=None)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    newsletter = mail.outbox[-1]
    assert newsletter.to == ["ina@example.org"] and newsletter.subject == "Neu in Musterstadt"
    html = newsletter.alternatives[0][0]
    assert "Löten für Einsteiger" in html and "Gemeinde Musterstadt, Rathausplatz 1" in html
    assert newsletter.extra_headers["List-Unsubscribe"].startswith(
        "<https://www.musterstadt.example/newsletter/"
    )


def test_the_channel_feed_and_the_content_api_show_the_offer(musterstadt):
    client = Client()
    feed = feedparser.parse(client.get("/feeds/musterstadt-mint/rss/").content)
    assert [entry.title for entry in feed.entries] == ["Löten für Einsteiger"]
    listing = client.get("/api/v2/pages/?type=page_types.MintOfferPage&fields=subjects").json()
    assert [item["title"] for item in listing["items"]] == ["Löten für Einsteiger"]
    assert listing["items"][0]["subjects"][0]["slug"] == "technik"

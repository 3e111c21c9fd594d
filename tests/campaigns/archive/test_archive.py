"""A public channel's archive of sent issues: newest first, paginated, with an Atom feed; none for a
non-public channel."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from campaigns.models import Campaign, Channel
from tests.cms.test_html_validity import problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(db) -> Channel:
    return Channel.objects.create(name="MINT-Update", slug="mint-update", description="Angebote für Schulen")


def issue(channel: Channel, number: int, status: str = Campaign.Status.SENT) -> Campaign:
    started = timezone.now() - timedelta(days=100 - number)
    return Campaign.objects.create(
        channel=channel,
        subject=f"Ausgabe {number:02d}",
        preheader=f"Vorschau {number}",
        status=status,
        started_at=started if status == Campaign.Status.SENT else None,
        frozen_page_ids=[],
    )


def test_sent_issues_newest_first_and_paginated(channel, client):
    for number in range(1, 26):
        issue(channel, number)
    issue(channel, 30, Campaign.Status.DRAFT)
    issue(channel, 31, Campaign.Status.SENDING)

    first = client.get("/newsletter/mint-update/archiv/")
    html = first.content.decode()
    assert first.status_code == 200
    assert '<html lang="de" dir="ltr">' in html
    assert html.index("Ausgabe 25") < html.index("Ausgabe 24") < html.index("Ausgabe 06")
    assert "Ausgabe 05" not in html and "Ausgabe 30" not in html and "Ausgabe 31" not in html
    assert "Seite 1 von 2" in html
    assert problems(html) == []
    assert 'type="application/atom+xml"' in html
    latest = Campaign.objects.get(subject="Ausgabe 25")
    assert f'href="/newsletter/mint-update/{latest.pk}/"' in html

    second = client.get("/newsletter/mint-update/archiv/?seite=2").content.decode()
    assert "Ausgabe 05" in second and "Ausgabe 01" in second and "Ausgabe 06" not in second
    assert client.get("/newsletter/mint-update/archiv/?seite=99").status_code == 200


def test_the_atom_feed_lists_the_sent_issues(channel, client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://leuchtturm.example"
    for number in (1, 2, 3):
        issue(channel, number)
    issue(channel, 4, Campaign.Status.DRAFT)

    response = client.get("/newsletter/mint-update/archiv/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.version == "atom10" and not feed.bozo
    assert feed.feed.title == "Newsletter-Archiv: MINT-Update"
    assert [entry.title for entry in feed.entries] == ["Ausgabe 03", "Ausgabe 02", "Ausgabe 01"]
    newest = Campaign.objects.get(subject="Ausgabe 03")
    assert feed.entries[0].link == f"https://leuchtturm.example/newsletter/mint-update/{newest.pk}/"
    assert feed.entries[0].summary == "Vorschau 3"


def test_an_issue_of_the_archive_opens(channel, client):
    sent = issue(channel, 1)
    response = client.get(f"/newsletter/mint-update/{sent.pk}/")
    assert response.status_code == 200
    assert "Ausgabe 01" in response.content.decode()


def test_a_non_public_or_unknown_channel_has_no_archive(channel, client):
    internal = Channel.objects.create(name="Intern", slug="intern", is_public=False)
    issue(internal, 1)
    for path in (
        "/newsletter/intern/archiv/",
        "/newsletter/intern/archiv/atom/",
        "/newsletter/unbekannt/archiv/",
        "/newsletter/unbekannt/archiv/atom/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Seite nicht gefunden" in response.content.decode(), path

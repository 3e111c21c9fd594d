"""The dispatch page's overview of an issue: its items with how many readers get each, variants named by a
reader they stand for and loaded only when opened, "wird vorbereitet" from the click on, and a report that
gives the reasons for failed and skipped deliveries in words."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.admin.report import failure_in_words, reasons
from campaigns.models import Campaign, Delivery
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.content import campaign_page_ids
from tests.campaigns.engine import make_reader


def dispatch(client, campaign):
    response = client.get(reverse("campaigns_campaign:dispatch", args=[campaign.pk]))
    assert response.status_code == 200
    return response


def test_the_content_table_counts_who_gets_each_item(newsletter, manager, client):
    items = dispatch(client, newsletter.campaign).context["items"]
    assert [row.page_id for row in items] == campaign_page_ids(newsletter.campaign)
    rows = {row.title: row for row in items}
    assert rows["Neues Gewerbegebiet in Asperg"].readers == 1  # local to Asperg
    assert rows["Der Landkreis in Zahlen"].readers == 4
    assert rows["Mathe-Olympiade"].section == "MINT-Angebote"


def test_each_variant_is_named_by_the_facets_of_one_of_its_readers(newsletter, manager, client):
    rows = dispatch(client, newsletter.campaign).context["variant_rows"]
    assert {profile for _variant, profile, _url in rows} == {
        "Klasse 8–10 · Informatik",
        "Asperg",
        "Ludwigsburg",
        "Ludwigsburg · Klasse 5–7 · Mathematik",
    }
    page = dispatch(client, newsletter.campaign).content.decode()
    assert "z. B. Ludwigsburg · Klasse 5–7 · Mathematik" in page  # in the test mail's choices too


def test_the_page_renders_no_variant_and_costs_the_same_queries_for_more_variants(
    newsletter, manager, client, monkeypatch
):
    rendered = []
    original = CampaignRenderer.render

    def counted(self, *args, **kwargs):
        rendered.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CampaignRenderer, "render", counted)
    dispatch(client, newsletter.campaign)  # caches (site root paths, content version) filled once
    with CaptureQueriesContext(connection) as few:
        variants_before = len(dispatch(client, newsletter.campaign).context["variants"])
    # New variants from readers of municipalities already planned for: planning asks once per municipality.
    for number, (town, subject) in enumerate(
        [("asperg", "technik"), ("asperg", "informatik"), ("ludwigsburg", "technik"), ("", "mathematik")]
    ):
        make_reader(newsletter.channel, f"neu{number}@example.org", municipality=town, subjects=[subject])
    with CaptureQueriesContext(connection) as more:
        variants_after = len(dispatch(client, newsletter.campaign).context["variants"])
    assert variants_after > variants_before
    assert rendered == []
    assert len(more) == len(few)


def test_an_issue_being_prepared_says_so_and_its_progress_tells_when_it_is_ready(newsletter, manager, client):
    campaign = newsletter.campaign
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING, started_at=timezone.now())
    page = dispatch(client, campaign).content.decode()
    assert "Wird vorbereitet" in page and 'data-preparing="1"' in page
    progress = client.get(reverse("campaigns_campaign:progress", args=[campaign.pk])).json()
    assert progress["status"] == "sending" and progress["prepared"] is False


@pytest.mark.parametrize(
    ("error", "words"),
    [
        ("550 5.1.1 <x@example.org>: Recipient address rejected", "Die Adresse gibt es nicht"),
        ("550 no such user here", "Die Adresse gibt es nicht"),
        ("552 5.2.2 Mailbox full", "Postfach voll"),
        ("552 5.3.4 Message too big", "Nachricht zu groß"),
        ("554 5.7.1 Sender not authorised", "aus Richtliniengründen abgelehnt"),
        ("Vom Versanddienst abgelehnt: rejected", "Vom Versanddienst abgelehnt"),
        ("Seit 24.0 Stunden nicht zustellbar: 421 try later", "Wiederholungsfrist abgelaufen"),
        ("Wiederholungsfrist abgelaufen (Abbruch während des Versands)", "Wiederholungsfrist abgelaufen"),
        ("UnicodeEncodeError: 'ascii' codec", "Sonstiger Fehler: UnicodeEncodeError"),
    ],
)
def test_a_failure_is_said_in_words(error, words):
    assert words in failure_in_words(error)


def test_the_report_lists_failed_and_skipped_deliveries_by_reason(newsletter, manager, client):
    campaign = newsletter.campaign
    now = timezone.now()
    Campaign.objects.filter(pk=campaign.pk).update(
        status=Campaign.Status.SENT, started_at=now, prepared_at=now, finished_at=now, frozen_page_ids=[]
    )
    readers = list(newsletter.readers.values())
    outcomes = [
        (Delivery.Status.FAILED, "550 5.1.1 user unknown"),
        (Delivery.Status.FAILED, "550 5.1.1 mailbox unavailable"),
        (Delivery.Status.SKIPPED, "Abgemeldet, gesperrt oder gelöscht"),
        (Delivery.Status.SENT, ""),
    ]
    for reader, (status, error) in zip(readers, outcomes, strict=True):
        Delivery.objects.create(campaign=campaign, subscriber=reader, status=status, error=error)
    assert [(r.status, r.count) for r in reasons(campaign)] == [("Fehlgeschlagen", 2), ("Übersprungen", 1)]
    page = dispatch(client, campaign).content.decode()
    table = page[page.index('id="reasons"') :]
    assert "Die Adresse gibt es nicht oder sie ist stillgelegt" in table
    assert "Abgemeldet, gesperrt oder gelöscht" in table

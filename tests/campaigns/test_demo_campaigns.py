"""The demo's issues: one approved per demo channel plus one in review, idempotent, each with recipients
and one of them sent end to end to the demo subscribers through the SMTP sink."""

import re

from campaigns.approval import refusal
from campaigns.models import Campaign, Delivery, Subscriber
from campaigns.sending import freeze
from campaigns.sending.inline import send_inline
from cms.demo.campaigns import CAMPAIGNS, IN_REVIEW
from cms.demo.loader import load_demo
from page_types.geography import distance_km


def test_one_approved_issue_per_demo_channel_one_in_review_and_a_rerun_adds_none(demo, db):
    issues = Campaign.objects.select_related("channel")
    ready = [issue for issue in issues if issue.subject != IN_REVIEW[1]]
    assert sorted(issue.channel.slug for issue in ready) == sorted(CAMPAIGNS)
    assert {issue.status for issue in issues} == {Campaign.Status.DRAFT}
    assert all(issue.is_approved for issue in ready)
    waiting = issues.get(subject=IN_REVIEW[1])
    assert waiting.workflow_in_progress and refusal(waiting)
    load_demo()
    assert Campaign.objects.count() == len(CAMPAIGNS) + 1


def test_each_demo_issue_has_readers_and_renders_every_variant(demo, db):
    languages = set()
    for issue in Campaign.objects.select_related("channel"):
        renderer, plans, _unmatched = freeze.plan(issue)
        assert renderer.items, issue.channel.slug
        assert sum(len(plan.subscriber_ids) for plan in plans) > 0, issue.channel.slug
        for plan in plans:
            # The document is in the reader's language; items not translated into it say they are German.
            assert f'<html lang="{plan.language}"' in renderer.render(plan.page_ids, plan.language).html
            languages.add(plan.language)
    assert languages == {"de", "en"}


def test_a_demo_issue_is_sent_to_its_readers(demo, db, smtp_sink):
    issue = Campaign.objects.get(subject=CAMPAIGNS["mint-update"][0])
    assert send_inline(issue.pk).status == Campaign.Status.SENT
    sent = Delivery.objects.filter(campaign=issue, status=Delivery.Status.SENT).count()
    assert sent > 0 and len(smtp_sink.messages) == sent


def _mails(issue) -> tuple[dict[int, tuple[int, ...]], dict, object]:
    renderer, plans, skipped = freeze.plan(issue)
    return {pk: plan.page_ids for plan in plans for pk in plan.subscriber_ids}, skipped, renderer


def test_the_demo_mint_issue_reaches_nearly_everybody(demo, db):
    mails, skipped, _renderer = _mails(Campaign.objects.get(subject=CAMPAIGNS["mint-update"][0]))
    assert len(mails) >= 0.95 * (len(mails) + len(skipped))


def test_each_lighthouse_reader_gets_stories_from_two_other_municipalities(demo, db):
    mails, skipped, renderer = _mails(Campaign.objects.get(subject=CAMPAIGNS["leuchttuerme"][0]))
    places = {
        item.page_id: item.facets.municipalities
        for item in renderer.items
        if item.family == "page_types.lighthousestorypage"
    }
    homes = dict(Subscriber.objects.values_list("pk", "municipality__slug"))
    assert not skipped
    for pk, page_ids in mails.items():
        others = set().union(*(places.get(page_id, set()) for page_id in page_ids)) - {homes[pk]}
        assert len(others) >= 2, homes[pk]


def test_the_demo_shows_readers_without_facets_with_every_facet_and_with_a_radius(demo, db):
    issue = Campaign.objects.get(subject=CAMPAIGNS["mint-update"][0])
    mails, _skipped, renderer = _mails(issue)
    people = {s.email.split("@")[0]: s for s in Subscriber.objects.filter(email__endswith="@example.org")}
    nobody, everything, radius = people["ohne.angaben"], people["alle.angaben"], people["umkreis.asperg"]
    assert nobody.municipality is None and not nobody.subjects.exists() and not nobody.interests.exists()
    assert everything.municipality and everything.subjects.exists() and everything.grade_bands.exists()
    assert everything.interests.exists()
    assert radius.mint_radius_km == 15
    places = {item.page_id: item.facets.municipalities for item in renderer.items}
    assert mails[nobody.pk] and mails[everything.pk] and mails[radius.pk]
    far = {pk for pk, towns in places.items() if towns and all(distance_km("asperg", t) > 15 for t in towns)}
    assert far and not far & set(mails[radius.pk])
    assert far & set(mails[nobody.pk])


def test_the_english_readers_demo_mail_shows_english_items_and_marked_german_ones(demo, db):
    issue = Campaign.objects.get(subject=CAMPAIGNS["mint-update"][0])
    renderer, plans, _unmatched = freeze.plan(issue)
    english = [plan for plan in plans if plan.language == "en"]
    assert english
    mails = [renderer.render(plan.page_ids, "en", groups=plan.groups).html for plan in english]
    assert all('<html lang="en"' in html and "Read more" in html for html in mails)
    assert any("Robotics club: we build a robotic lawnmower" in html for html in mails)
    assert all(re.search(r'<div lang="de"><h3[^>]*>.*?\(in German\)</span></h3>', html) for html in mails)
    # The issue itself greets them in English; its German readers keep the German texts.
    assert all("MINT update: new offers for schools" in html for html in mails)
    assert "MINT-Update: Neue Angebote" not in mails[0]
    reader = next(plan for plan in plans if plan.language == "de")
    german = renderer.render(reader.page_ids, "de", groups=reader.groups).html
    assert "MINT-Update: Neue Angebote" in german and "MINT update" not in german

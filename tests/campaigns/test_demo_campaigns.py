"""The demo's issues: one approved per demo channel plus one in review, idempotent, each with recipients
and one of them sent end to end to the demo subscribers through the SMTP sink."""

import pytest

from campaigns.approval import refusal
from campaigns.models import Campaign, Delivery
from campaigns.sending import freeze
from campaigns.sending.inline import send_inline
from cms.demo.campaigns import CAMPAIGNS, IN_REVIEW
from cms.demo.loader import load_demo


@pytest.fixture
def demo(db):
    load_demo()


def test_one_approved_issue_per_demo_channel_one_in_review_and_a_rerun_adds_none(demo):
    issues = Campaign.objects.select_related("channel")
    ready = [issue for issue in issues if issue.subject != IN_REVIEW[1]]
    assert sorted(issue.channel.slug for issue in ready) == sorted(CAMPAIGNS)
    assert {issue.status for issue in issues} == {Campaign.Status.DRAFT}
    assert all(issue.is_approved for issue in ready)
    waiting = issues.get(subject=IN_REVIEW[1])
    assert waiting.workflow_in_progress and refusal(waiting)
    load_demo()
    assert Campaign.objects.count() == len(CAMPAIGNS) + 1


def test_each_demo_issue_has_readers_and_renders_every_variant(demo):
    languages = set()
    for issue in Campaign.objects.select_related("channel"):
        renderer, plans, _unmatched = freeze.plan(issue)
        assert renderer.items, issue.channel.slug
        assert sum(len(plan.subscriber_ids) for plan in plans) > 0, issue.channel.slug
        for plan in plans:
            # The pages are German, so the document is, whatever language the reader chose.
            assert '<html lang="de"' in renderer.render(plan.page_ids, plan.language).html
            languages.add(plan.language)
    assert languages == {"de", "en"}


def test_a_demo_issue_is_sent_to_its_readers(demo, smtp_sink):
    issue = Campaign.objects.get(subject=CAMPAIGNS["mint-update"][0])
    assert send_inline(issue.pk).status == Campaign.Status.SENT
    sent = Delivery.objects.filter(campaign=issue, status=Delivery.Status.SENT).count()
    assert sent > 0 and len(smtp_sink.messages) == sent

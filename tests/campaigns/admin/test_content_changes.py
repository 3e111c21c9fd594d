"""Changing an issue's content from its dispatch page: an item left out, taken back or put first is a new
revision by the editor (history, lock and approval apply), and the page and its previews show that version
at once; anything else is refused and changes nothing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from campaigns.admin.content_changes import editing_version
from campaigns.approval import approve
from campaigns.models import Campaign, Channel
from campaigns.rendering.content import campaign_page_ids
from campaigns.sending import control

DISTRICT = "Der Landkreis in Zahlen"
STORY = "Ein Leuchtturm der Logistik"


def fresh(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_related("channel").get(pk=campaign.pk)


def change(client, campaign: Campaign, change: str, page_id, follow: bool = True):
    return client.post(
        reverse("campaigns_campaign:change_content", args=[campaign.pk]),
        {"change": change, "page": page_id},
        follow=follow,
    )


def page_text(response) -> str:
    return response.content.decode()


def shown_items(client, campaign: Campaign) -> list[str]:
    response = client.get(reverse("campaigns_campaign:dispatch", args=[campaign.pk]))
    return [row.title for row in response.context["items"]]


def test_an_item_left_out_is_gone_from_the_page_and_the_previews_and_can_be_taken_back(
    newsletter, manager, client
):
    campaign, district = newsletter.campaign, newsletter.pages["news_district"]
    page = page_text(change(client, campaign, "remove", district.pk))
    assert f"„{DISTRICT}“ ist nicht mehr in dieser Ausgabe." in page
    assert DISTRICT not in shown_items(client, campaign)
    removed = client.get(reverse("campaigns_campaign:dispatch", args=[campaign.pk])).context["removed"]
    assert removed == [(district.pk, DISTRICT)]
    # The previews render the edited version: no variant of it carries the page any more.
    variants = client.get(reverse("campaigns_campaign:dispatch", args=[campaign.pk])).context["variants"]
    assert variants and all(district.pk not in variant.page_ids for variant in variants)

    page = page_text(change(client, campaign, "restore", district.pk))
    assert "ist wieder in dieser Ausgabe" in page
    assert DISTRICT in shown_items(client, campaign)


def test_a_change_is_a_revision_by_the_editor_and_the_sent_version_waits_for_it(newsletter, manager, client):
    campaign = newsletter.campaign
    revisions = campaign.revisions.count()
    page = page_text(change(client, campaign, "remove", newsletter.pages["story"].pk))
    assert campaign.revisions.count() == revisions + 1
    entry = ModelLogEntry.objects.for_instance(campaign).filter(action="wagtail.edit").latest("timestamp")
    assert entry.user == manager
    row = fresh(campaign)
    assert row.has_unpublished_changes and not row.removals.exists()  # the row is what would be sent
    assert "unveröffentlichte Änderungen" in page  # and it may not be sent before the change is published
    assert newsletter.pages["story"].pk not in campaign_page_ids(editing_version(row))


def test_an_item_put_first_leads_the_issue_among_equals(newsletter, manager, client):
    campaign = newsletter.campaign
    news = [newsletter.pages["news_asperg"].pk, newsletter.pages["news_district"].pk]
    last = next(pk for pk in reversed(campaign_page_ids(campaign)) if pk in news)
    change(client, campaign, "first", last)
    edited = editing_version(fresh(campaign))
    assert [pick.page_id for pick in edited.picks.all()] == [last]
    order = [pk for pk in campaign_page_ids(edited) if pk in news]
    assert order[0] == last


@pytest.mark.parametrize(
    ("kind", "page"),
    [
        ("remove", 999_999),  # no such page
        ("restore", "story"),  # not left out, so nothing to take back
        ("delete", "story"),  # no such change
        ("remove", "x"),
        ("remove", ""),
    ],
)
def test_a_change_the_page_does_not_offer_is_refused_and_changes_nothing(
    newsletter, manager, client, kind, page
):
    campaign = newsletter.campaign
    revisions = campaign.revisions.count()
    page_id = newsletter.pages[page].pk if page in newsletter.pages else page
    response = change(client, campaign, kind, page_id)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("campaigns_campaign:dispatch", args=[campaign.pk])
    assert "error" in page_text(response) and "nicht" in page_text(response)
    assert campaign.revisions.count() == revisions
    assert not fresh(campaign).has_unpublished_changes


def test_a_page_outside_the_issue_cannot_be_put_into_it(newsletter, manager, client):
    campaign = newsletter.campaign
    outside = newsletter.pages["offer_it"].copy(update_attrs={"slug": "kopie", "title": "Nicht freigegeben"})
    outside.unpublish()
    page = page_text(change(client, campaign, "first", outside.pk))
    assert "Dieser Beitrag gehört nicht zu dieser Ausgabe." in page
    assert not editing_version(fresh(campaign)).picks.exists()


def test_changes_need_a_post_and_the_right_to_change_issues(newsletter, manager, client, django_user_model):
    campaign = newsletter.campaign
    url = reverse("campaigns_campaign:change_content", args=[campaign.pk])
    assert client.get(url, {"change": "remove", "page": newsletter.pages["story"].pk}).status_code == 405
    reader = django_user_model.objects.create_user("leser", password="pw")
    reader.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(reader)
    refused = change(client, campaign, "remove", newsletter.pages["story"].pk, follow=False)
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")  # Wagtail's 403
    assert not fresh(campaign).has_unpublished_changes


def test_a_lock_held_by_someone_else_refuses_the_change(newsletter, manager, client, django_user_model):
    campaign = newsletter.campaign
    colleague = django_user_model.objects.create_user("kollegin", password="pw")
    Campaign.objects.filter(pk=campaign.pk).update(locked=True, locked_by=colleague, locked_at=timezone.now())
    page = page_text(change(client, campaign, "remove", newsletter.pages["story"].pk))
    assert "gesperrt" in page
    assert not fresh(campaign).has_unpublished_changes


def test_an_issue_being_sent_cannot_be_changed(newsletter, manager, client):
    campaign = newsletter.campaign
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING, started_at=timezone.now())
    page = page_text(change(client, campaign, "remove", newsletter.pages["story"].pk))
    assert "kann nicht mehr bearbeitet werden" in page
    assert not fresh(campaign).has_unpublished_changes
    assert 'name="change"' not in page


def test_a_change_to_an_approved_scheduled_issue_needs_approval_again_and_lifts_the_schedule(
    newsletter, manager, client, django_user_model
):
    Channel.objects.filter(pk=newsletter.channel.pk).update(requires_approval=True)
    lead = django_user_model.objects.create_user("leitung", password="pw")
    lead.groups.add(Group.objects.get(name="Redaktionsleitung"))
    approve(fresh(newsletter.campaign), lead)
    control.schedule(fresh(newsletter.campaign), timezone.now() + timezone.timedelta(days=1))
    page = page_text(change(client, newsletter.campaign, "remove", newsletter.pages["story"].pk))
    assert "der geplante Versand wurde aufgehoben" in page
    row = fresh(newsletter.campaign)
    assert row.status == Campaign.Status.DRAFT and row.scheduled_at is None and not row.is_approved

"""The issue admin: create, preview every variant with its recipient count, test mail, send, progress,
report — and nothing of it for a user without the rights."""

import html as html_module
import re
from unittest import mock

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from campaigns.admin import campaign_views
from campaigns.models import Campaign, Variant
from campaigns.sending import control
from campaigns.sending.inline import send_inline


def test_campaign_manager_group_may_send(db):
    group = Group.objects.get(name="Kampagnen")
    assert group.permissions.filter(codename="send_campaign").exists()
    assert Permission.objects.filter(codename="add_campaign", group=group).exists()


def test_index_and_create_form(newsletter, manager, client):
    response = client.get(reverse("campaigns_campaign:list"))
    assert response.status_code == 200
    assert "Neues für Sie im Landkreis" in response.content.decode()
    assert client.get(reverse("campaigns_campaign:add")).status_code == 200


def test_a_new_issue_is_not_autosaved_but_a_saved_one_is(newsletter, manager, client):
    """Autosave on the create form races with "Entwurf speichern" and makes two issues of one."""
    create = client.get(reverse("campaigns_campaign:add")).content.decode()
    edit = client.get(reverse("campaigns_campaign:edit", args=[newsletter.campaign.pk])).content.decode()
    assert "data-w-autosave-interval-value" not in create
    assert "data-w-autosave-interval-value" in edit


def test_dispatch_page_offers_every_variant_with_its_recipients_and_loads_no_preview(
    newsletter, manager, client
):
    response = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<iframe src=" not in page  # previews load when a variant is opened
    frames = re.findall(r'<iframe data-src="([^"]+)" width="(\d+)"', page)
    assert len(frames) == 8  # four variants, desktop and mobile
    assert {width for _src, width in frames} == {"640", "375"}
    named = r'<span id="variant-\d">Variante \d – z\. B\. [^<]+</span> · 1 Empfänger'
    assert len(re.findall(named, page)) == 4

    preview_url = html_module.unescape(frames[0][0])
    preview = client.get(preview_url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert '<html lang="de"' in html and "%%LT_" not in html
    assert "/newsletter/" in html
    tampered = re.sub(r"pages=[0-9,]+", f"pages={newsletter.pages['news_asperg'].pk}", preview_url)
    assert client.get(tampered).status_code == 404


def test_test_mail_goes_to_the_given_address_only(newsletter, manager, client, smtp_sink):
    dispatch = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk]))
    key = re.search(r'<option value="([0-9a-f]+)"', dispatch.content.decode()).group(1)
    response = client.post(
        reverse("campaigns_campaign:test_mail", args=[newsletter.campaign.pk]),
        {"addresses": "redaktion@example.org", "variant": key},
    )
    assert response.status_code == 302
    assert [m.rcpt_tos for m in smtp_sink.messages] == [["redaktion@example.org"]]
    assert smtp_sink.messages[0].message["Subject"] == "[Test] Neues für Sie im Landkreis"
    assert Campaign.objects.get().status == Campaign.Status.DRAFT


def test_test_mail_message_counts_addresses_in_good_german(newsletter, manager, client, smtp_sink):
    dispatch = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk]))
    key = re.search(r'<option value="([0-9a-f]+)"', dispatch.content.decode()).group(1)
    url = reverse("campaigns_campaign:test_mail", args=[newsletter.campaign.pk])
    one = client.post(url, {"addresses": "redaktion@example.org", "variant": key}, follow=True)
    assert "Testmail an 1 Adresse versendet." in one.content.decode()
    two = client.post(
        url, {"addresses": "redaktion@example.org\nchefin@example.org", "variant": key}, follow=True
    )
    assert "Testmail an 2 Adressen versendet." in two.content.decode()


def test_send_now_progress_and_report(newsletter, manager, client, smtp_sink):
    with mock.patch("campaigns.sending.control.async_task") as queued:
        response = client.post(
            reverse("campaigns_campaign:send", args=[newsletter.campaign.pk, "send"]), {"recipients": 4}
        )
    assert response.status_code == 302
    queued.assert_called_once_with(control.TASK_START, newsletter.campaign.pk, group=mock.ANY)

    send_inline(newsletter.campaign.pk)
    progress = client.get(reverse("campaigns_campaign:progress", args=[newsletter.campaign.pk])).json()
    assert progress["status"] == "sent"
    assert progress["counts"]["sent"] == 4

    page = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk])).content.decode()
    assert '<svg role="img"' in page and '<title id="chart-title">' in page
    assert "4 von 4 Zustellungen versendet." in page


def test_schedule_creates_a_one_off_django_q_schedule(newsletter, manager, client):
    from django_q.models import Schedule

    response = client.post(
        reverse("campaigns_campaign:send", args=[newsletter.campaign.pk, "schedule"]),
        {"when": "2099-01-01T08:00", "recipients": 4},
    )
    assert response.status_code == 302
    assert Campaign.objects.get().status == Campaign.Status.SCHEDULED
    schedule = Schedule.objects.get(name=f"campaign-{newsletter.campaign.pk}")
    assert (schedule.func, schedule.schedule_type) == (control.TASK_START, Schedule.ONCE)

    client.post(reverse("campaigns_campaign:discard", args=[newsletter.campaign.pk]))
    assert Campaign.objects.get().status == Campaign.Status.CANCELLED
    assert not Schedule.objects.filter(name=f"campaign-{newsletter.campaign.pk}").exists()


def test_editors_without_campaign_rights_get_nothing(newsletter, django_user_model, client):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for name, args in (
        ("dispatch", [newsletter.campaign.pk]),
        ("progress", [newsletter.campaign.pk]),
    ):
        assert client.get(reverse(f"campaigns_campaign:{name}", args=args)).status_code in (302, 403)
    for name in ("send", "confirm_send"):
        url = reverse(f"campaigns_campaign:{name}", args=[newsletter.campaign.pk, "send"])
        assert client.post(url, {"recipients": 4}).status_code in (302, 403, 405)
    assert Campaign.objects.get().status == Campaign.Status.DRAFT


def test_test_mail_variants_are_numbered_like_the_headings_and_counted_in_good_german():
    variants = [
        Variant(key="a", language="de", page_ids=[1], recipient_count=3),
        Variant(key="b", language="de", page_ids=[2], recipient_count=3),
        Variant(key="c", language="en", page_ids=[1, 2], recipient_count=1, tracked=True),
    ]
    form = campaign_views.TestMailForm(variants=variants)
    labels = [label for _key, label in form.fields["variant"].choices]
    assert labels == [
        "Variante 1: 3 Empfänger, 1 Beitrag, DE",
        "Variante 2: 3 Empfänger, 1 Beitrag, DE",
        "Variante 3: 1 Empfänger, 2 Beiträge, EN, mit Messung",
    ]

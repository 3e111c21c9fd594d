"""The dispatch page in Wagtail's clothes: header with breadcrumbs, a "Bearbeiten" button and the history
link; the test mail prefilled with the editor's address; saving an edited issue returns to it."""

import re

from django.urls import reverse


def test_the_dispatch_page_has_wagtails_header_with_breadcrumbs_and_edit(newsletter, manager, client):
    manager.email = "redaktion@example.org"
    manager.save()
    campaign = newsletter.campaign
    page = client.get(reverse("campaigns_campaign:dispatch", args=[campaign.pk])).content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert f'href="{reverse("campaigns_campaign:list")}"' in header and "Newsletter-Ausgaben" in header
    assert f'href="{reverse("campaigns_campaign:edit", args=[campaign.pk])}"' in header
    assert "Bearbeiten" in header
    assert reverse("campaigns_campaign:history", args=[campaign.pk]) in header
    textarea = re.search(r'<textarea name="addresses"[^>]*>\s*([^<]*)</textarea>', page)
    assert textarea.group(1).strip() == "redaktion@example.org"


def test_the_summary_has_the_same_header(newsletter, manager, client):
    page = client.get(reverse("campaigns_campaign:confirm_send", args=[newsletter.campaign.pk, "send"]))
    header = page.content.decode()
    header = header[header.index("<header") : header.index("</header>")]
    assert f'href="{reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk])}"' in header


def test_saving_an_edited_issue_returns_to_the_dispatch_page(newsletter, manager, client):
    from tests.campaigns.admin.test_approval import edit_form

    campaign = newsletter.campaign
    response = client.post(
        reverse("campaigns_campaign:edit", args=[campaign.pk]), edit_form(client, campaign, subject="Neu")
    )
    assert response.status_code == 302
    assert response.url == reverse("campaigns_campaign:dispatch", args=[campaign.pk])

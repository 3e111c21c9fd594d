"""Hostile input in subscriber names and campaign fields: escaped in the admin, inert in the mails.

A subscriber chooses their own name at sign-up, so it is untrusted text that ends up in the admin's
listings and in the salutation of every newsletter; campaign subjects and preheaders end up in the admin,
the mail's HTML and its headers. None of them may become markup, and no line break may become a header.
"""

import pytest
from django.urls import reverse

from campaigns.sending.inline import send_inline
from tests.xss import SHORT_PAYLOAD, executable_payloads, shown_as_text

pytestmark = pytest.mark.django_db

SUBSCRIBERS = "wagtailsnippets_campaigns_subscriber"


@pytest.fixture
def hostile(newsletter):
    """The newsletter fixture with a script payload as a reader's name and as subject and preheader."""
    reader = newsletter.readers["teacher"]
    reader.name = SHORT_PAYLOAD
    reader.save()
    newsletter.campaign.subject = SHORT_PAYLOAD
    newsletter.campaign.preheader = SHORT_PAYLOAD
    newsletter.campaign.save()
    return newsletter


def test_a_hostile_subscriber_name_is_text_in_the_admin(client, manager, hostile):
    reader = hostile.readers["teacher"]
    listing = client.get(reverse(f"{SUBSCRIBERS}:list")).content.decode()
    assert shown_as_text(listing, SHORT_PAYLOAD)
    for url in (
        reverse(f"{SUBSCRIBERS}:list"),
        reverse(f"{SUBSCRIBERS}:edit", args=[reader.pk]),
        reverse(f"{SUBSCRIBERS}:proof", args=[reader.pk]),
        reverse(f"{SUBSCRIBERS}:delete", args=[reader.pk]),
        reverse(f"{SUBSCRIBERS}:history", args=[reader.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert executable_payloads(response.content.decode()) == [], url


def test_hostile_campaign_fields_are_text_in_the_admin(client, manager, hostile):
    campaign = hostile.campaign
    dispatch = client.get(reverse("campaigns_campaign:dispatch", args=[campaign.pk])).content.decode()
    assert shown_as_text(dispatch, SHORT_PAYLOAD)
    for url in (
        reverse("campaigns_campaign:list"),
        reverse("campaigns_campaign:edit", args=[campaign.pk]),
        reverse("campaigns_campaign:dispatch", args=[campaign.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert executable_payloads(response.content.decode()) == [], url


def html_part(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def test_hostile_names_and_subjects_are_inert_in_the_mails(hostile, smtp_sink):
    send_inline(hostile.campaign.pk)

    assert len(smtp_sink.messages) == len(hostile.readers)
    for received in smtp_sink.messages:
        assert executable_payloads(html_part(received.message)) == [], received.rcpt_tos
        # A header is text, shown as typed (folding may add whitespace).
        assert " ".join(received.message["Subject"].split()) == SHORT_PAYLOAD
    teacher = smtp_sink.handler.to(hostile.readers["teacher"].email)[0].message
    assert shown_as_text(html_part(teacher), SHORT_PAYLOAD)  # the salutation, escaped


def test_a_line_break_in_a_name_adds_no_header_and_no_recipient(newsletter, smtp_sink):
    reader = newsletter.readers["teacher"]
    reader.name = "Eve\r\nBcc: opfer@example.org"
    reader.save()
    send_inline(newsletter.campaign.pk)

    assert smtp_sink.handler.to("opfer@example.org") == []
    (received,) = smtp_sink.handler.to(reader.email)
    assert received.rcpt_tos == [reader.email]
    assert received.message["Bcc"] is None
    assert received.message["To"] == f'"Eve Bcc: opfer@example.org" <{reader.email}>'
    # The others in the same batch were sent as well.
    assert len(smtp_sink.messages) == len(newsletter.readers)


def test_the_admin_preview_of_a_newsletter_can_run_no_script(client, manager, newsletter):
    """Defence in depth: even markup that slipped into an issue cannot act in the admin's origin."""
    newsletter.campaign.intro = "<p>Hallo<script>alert('XSS-7f3a')</script></p>"
    newsletter.campaign.save()
    dispatch = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk]))
    variant = dispatch.context["variants"][0]
    preview = client.get(reverse("campaigns_campaign:variant", args=[newsletter.campaign.pk, variant.key]))

    assert preview.status_code == 200
    policy = {part.split()[0]: part.split()[1:] for part in preview["Content-Security-Policy"].split(";")}
    assert policy["sandbox"] == []  # no allow-scripts, no allow-same-origin
    assert policy["default-src"] == ["'none'"]
    assert "script-src" not in policy

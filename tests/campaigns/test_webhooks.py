"""Provider webhooks (django-anymail): a bounce or complaint suppresses the address and ends its
subscriptions; opens and clicks change nothing. Each ESP's bounces go through anymail's real view, signed
where the ESP signs them."""

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from campaigns.addresses import email_hash
from campaigns.models import Delivery, Subscription, Suppression
from tests.campaigns.engine import make_campaign, make_reader

SECRET = "hook:geheim"
MANDRILL_WEBHOOK_KEY = "mandrill-schluessel"
MAILERSEND_SIGNING_SECRET = "mailersend-geheimnis"


@pytest.fixture
def reader(newsletter_channels, settings, mount_esp):
    mount_esp("postmark")
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": SECRET,
        "MANDRILL_WEBHOOK_KEY": MANDRILL_WEBHOOK_KEY,
        "MAILERSEND_SIGNING_SECRET": MAILERSEND_SIGNING_SECRET,
    }
    channel = newsletter_channels["mint"]
    subscriber = make_reader(channel, "leser@example.org")
    Delivery.objects.create(campaign=make_campaign(channel), subscriber=subscriber, message_id="pm-123")
    return subscriber


def basic_auth() -> str:
    return "Basic " + base64.b64encode(SECRET.encode()).decode()


def post_event(client, payload: Any, esp: str = "postmark", **headers):
    return client.post(
        f"/webhooks/anymail/{esp}/tracking/",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=basic_auth(),
        **headers,
    )


def post_mailersend(client, payload: dict, esp: str):
    """MailerSend signs the body: hex HMAC-SHA256 with the webhook's signing secret, in ``Signature``."""
    body = json.dumps(payload)
    signature = hmac.new(MAILERSEND_SIGNING_SECRET.encode(), body.encode(), hashlib.sha256).hexdigest()
    return client.post(
        f"/webhooks/anymail/{esp}/tracking/",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=basic_auth(),
        HTTP_SIGNATURE=signature,
    )


def post_mandrill(client, events: list, esp: str):
    """Mandrill posts a form field ``mandrill_events`` and signs the URL (with its basic auth) followed by
    the sorted form fields: base64 HMAC-SHA1 with the webhook key, in ``X-Mandrill-Signature``."""
    path = f"/webhooks/anymail/{esp}/tracking/"
    form = {"mandrill_events": json.dumps(events)}
    signed = f"http://{SECRET}@testserver{path}" + "".join(key + form[key] for key in sorted(form))
    digest = hmac.new(MANDRILL_WEBHOOK_KEY.encode(), signed.encode(), hashlib.sha1).digest()
    return client.post(
        path,
        data=form,
        HTTP_AUTHORIZATION=basic_auth(),
        HTTP_X_MANDRILL_SIGNATURE=base64.b64encode(digest).decode(),
    )


def post_ses(client, ses_event: dict, esp: str):
    """Amazon SES events arrive as an SNS notification whose ``Message`` is the event as a JSON string."""
    notification = {
        "Type": "Notification",
        "MessageId": "8f0c7a4e-2f52-5b1e-9b1c-3f7d2e6a1b90",
        "TopicArn": "arn:aws:sns:eu-central-1:123456789012:leuchtturm-ses-events",
        "Message": json.dumps(ses_event),
        "Timestamp": "2026-11-26T21:10:04.000Z",
        "SignatureVersion": "1",
    }
    return post_event(
        client,
        notification,
        esp,
        HTTP_X_AMZ_SNS_MESSAGE_TYPE="Notification",
        HTTP_X_AMZ_SNS_MESSAGE_ID=notification["MessageId"],
    )


def suppressed(address: str) -> bool:
    return Suppression.objects.filter(email_hash=email_hash(address)).exists()


def test_hard_bounce_suppresses_and_marks_the_delivery(client, reader):
    payload = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "Email": "leser@example.org",
        "MessageID": "pm-123",
        "Description": "Unbekanntes Postfach",
    }
    assert post_event(client, payload).status_code == 200

    assert suppressed("leser@example.org")
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.BOUNCED
    assert Delivery.objects.get(subscriber=reader).bounced


# Each ESP's bounce as it posts it, soft (temporary by the ESP's own word) or hard; anymail reports both
# as "bounced".


def postmark(soft: bool) -> dict:
    return {
        "RecordType": "Bounce",
        "ID": 4323372036,
        "Type": "SoftBounce" if soft else "HardBounce",
        "TypeCode": 4096 if soft else 1,
        "Name": "Soft bounce" if soft else "Hard bounce",
        "MessageID": "pm-123",
        "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
        "Details": "smtp;452 4.2.2 mailbox full" if soft else "smtp;550 5.1.1 user unknown",
        "Email": "leser@example.org",
        "BouncedAt": "2026-11-26T21:10:03Z",
        "Inactive": not soft,
        "CanActivate": True,
    }


def brevo(soft: bool) -> dict:
    return {
        "event": "soft_bounce" if soft else "hard_bounce",
        "email": "leser@example.org",
        "id": 123456,
        "date": "2026-11-26 22:10:03",
        "ts_epoch": 1795731003000,
        "message-id": "<202611262110.61523897154@smtp-relay.mailin.fr>",
        "reason": "452 4.2.2 Mailbox full" if soft else "550 5.1.1 User unknown",
    }


def mandrill(soft: bool) -> list:
    message_id = "8b2d6c3e1f0a4b5c9d7e6f5a4b3c2d1e"
    return [
        {
            "event": "soft_bounce" if soft else "hard_bounce",
            "_id": message_id,
            "ts": 1795731003,
            "msg": {
                "ts": 1795730400,
                "_id": message_id,
                "state": "soft-bounced" if soft else "bounced",
                "subject": "Neues für Sie im Landkreis",
                "email": "leser@example.org",
                "sender": "newsletter@leuchtturm.example",
                "tags": [],
                "metadata": {},
                "bounce_description": "mailbox_full" if soft else "bad_mailbox",
                "bgtools_code": 22 if soft else 10,
                "diag": "smtp;552 5.2.2 Over Quota" if soft else "smtp;550 5.1.1 User unknown",
            },
        }
    ]


def mailersend(soft: bool) -> dict:
    kind = "soft_bounced" if soft else "hard_bounced"
    return {
        "type": f"activity.{kind}",
        "domain_id": "jpzkmgq7e1l059v7",
        "created_at": "2026-11-26T21:10:03.000000Z",
        "webhook_id": "zkq340ew6p0gd796",
        "url": "https://leuchtturm.example/webhooks/anymail/mailersend/tracking/",
        "data": {
            "object": "activity",
            "id": "62f1b7f84d2f7c0f7a0e5b11",
            "type": kind,
            "created_at": "2026-11-26T21:10:03.000000Z",
            "email": {
                "object": "email",
                "id": "62f1b7f64d2f7c0f7a0e5b0c",
                "from": "newsletter@leuchtturm.example",
                "subject": "Neues für Sie im Landkreis",
                "status": "rejected",
                "tags": None,
                "message": {
                    "object": "message",
                    "id": "62f1b7f54d2f7c0f7a0e5b0a",
                    "created_at": "2026-11-26T21:00:00.000000Z",
                },
                "recipient": {
                    "object": "recipient",
                    "id": "62f1b7f54d2f7c0f7a0e5b0b",
                    "email": "leser@example.org",
                    "created_at": "2026-11-26T21:00:00.000000Z",
                },
            },
            "morph": {
                "object": "recipient_bounce",
                "reason": "452 4.2.2 Mailbox full" if soft else "550 5.1.1 User unknown",
                "readable_reason": "Mailbox full" if soft else "Recipient address rejected: User unknown",
            },
            "template_id": "",
        },
    }


def mailjet(soft: bool) -> dict:
    return {
        "event": "bounce",
        "time": 1795731003,
        "MessageID": 1152921528411238452,
        "Message_GUID": "1ab23cd4-e567-8901-2345-6789f0gh1i2j",
        "email": "leser@example.org",
        "mj_campaign_id": 0,
        "mj_contact_id": 1234567,
        "customcampaign": "",
        "CustomID": "",
        "Payload": "",
        "blocked": False,
        "hard_bounce": not soft,
        "error_related_to": "recipient",
        "error": "quota exceeded" if soft else "user unknown",
        "comment": "Mailbox full" if soft else "Host or domain name not found",
    }


def amazon_ses(soft: bool) -> dict:
    return {
        "eventType": "Bounce",
        "bounce": {
            "feedbackId": "0107019d1e2f3a4b-5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f-000000",
            "bounceType": "Transient" if soft else "Permanent",
            "bounceSubType": "MailboxFull" if soft else "General",
            "bouncedRecipients": [
                {
                    "emailAddress": "leser@example.org",
                    "action": "failed",
                    "status": "4.2.2" if soft else "5.1.1",
                    "diagnosticCode": "smtp; " + ("452 4.2.2 Mailbox full" if soft else "550 5.1.1 unknown"),
                }
            ],
            "timestamp": "2026-11-26T21:10:03.000Z",
            "reportingMTA": "dns; a1-23.smtp-out.eu-central-1.amazonses.com",
        },
        "mail": {
            "timestamp": "2026-11-26T21:00:00.000Z",
            "source": "newsletter@leuchtturm.example",
            "messageId": "0107019d1e2f3a4b-aaaa1111-bbbb-cccc-dddd-eeeeffff0000-000000",
            "destination": ["leser@example.org"],
            "headersTruncated": False,
            "headers": [],
        },
    }


def resend(soft: bool) -> dict:
    return {
        "type": "email.bounced",
        "created_at": "2026-11-26T21:10:03.000Z",
        "data": {
            "created_at": "2026-11-26T21:00:00.000Z",
            "email_id": "4ef9a417-02e9-4d39-ad75-9611e0fcc33c",
            "from": "Leuchtturm <newsletter@leuchtturm.example>",
            "to": ["leser@example.org"],
            "subject": "Neues für Sie im Landkreis",
            "bounce": {
                "message": (
                    "The recipient's email provider sent a bounce message because the recipient's inbox was "
                    "full. You might be able to send to the same recipient in the future when the mailbox is "
                    "no longer full."
                    if soft
                    else "The recipient's email provider sent a hard bounce message, and the email address "
                    "has been added to the suppression list."
                ),
                "subType": "MailboxFull" if soft else "General",
                "type": "Transient" if soft else "Permanent",
            },
        },
    }


def sparkpost(soft: bool) -> list:
    return [
        {
            "msys": {
                "message_event": {
                    "type": "bounce",
                    "bounce_class": "22" if soft else "10",
                    "event_id": "92356927693813856",
                    "transmission_id": "7244582735491236148",
                    "message_id": "0e0d94b7-9085-4e3c-ab30-e3f2cd9c273e",
                    "rcpt_to": "leser@example.org",
                    "raw_rcpt_to": "leser@example.org",
                    "reason": "452 4.2.2 mailbox full" if soft else "550 5.1.1 user unknown",
                    "raw_reason": "452 4.2.2 mailbox full" if soft else "550 5.1.1 user unknown",
                    "error_code": "452" if soft else "550",
                    "timestamp": "1795731003",
                    "campaign_id": "",
                    "rcpt_meta": {},
                }
            }
        }
    ]


@dataclass(frozen=True)
class Esp:
    slug: str  # anymail's URL segment
    bounce: Callable[[bool], Any]
    message_id: str  # the Message-ID anymail reports for ``bounce``
    post: Callable = post_event


ESPS = [
    Esp("postmark", postmark, "pm-123"),
    Esp("brevo", brevo, "<202611262110.61523897154@smtp-relay.mailin.fr>"),
    # Brevo's old name: anymail still serves the URL, with a deprecation warning.
    pytest.param(
        Esp("sendinblue", brevo, "<202611262110.61523897154@smtp-relay.mailin.fr>"),
        marks=pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailDeprecationWarning"),
    ),
    Esp("mandrill", mandrill, "8b2d6c3e1f0a4b5c9d7e6f5a4b3c2d1e", post_mandrill),
    Esp("mailersend", mailersend, "62f1b7f54d2f7c0f7a0e5b0a", post_mailersend),
    Esp("mailjet", mailjet, "1152921528411238452"),
    Esp("amazon_ses", amazon_ses, "0107019d1e2f3a4b-aaaa1111-bbbb-cccc-dddd-eeeeffff0000-000000", post_ses),
    Esp("resend", resend, "4ef9a417-02e9-4d39-ad75-9611e0fcc33c"),
    Esp("sparkpost", sparkpost, "7244582735491236148"),
]


def post_bounce(client, reader, esp: Esp, *, soft: bool):
    Delivery.objects.filter(subscriber=reader).update(message_id=esp.message_id)
    response = esp.post(client, esp.bounce(soft), esp.slug)
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("esp", ESPS, ids=lambda esp: esp.slug)
def test_soft_bounce_marks_the_delivery_but_keeps_the_address(client, reader, esp, mount_esp):
    mount_esp(esp.slug)
    post_bounce(client, reader, esp, soft=True)

    assert Delivery.objects.get(subscriber=reader).bounced
    assert not suppressed("leser@example.org")
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.ACTIVE


@pytest.mark.parametrize("esp", ESPS, ids=lambda esp: esp.slug)
def test_hard_bounce_of_the_same_esp_suppresses(client, reader, esp, mount_esp):
    mount_esp(esp.slug)
    post_bounce(client, reader, esp, soft=False)

    assert Delivery.objects.get(subscriber=reader).bounced
    assert suppressed("leser@example.org")
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.BOUNCED


def test_complaint_suppresses(client, reader):
    payload = {"RecordType": "SpamComplaint", "Type": "SpamComplaint", "Email": "leser@example.org"}
    assert post_event(client, payload).status_code == 200

    assert suppressed("leser@example.org")
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.COMPLAINED


def test_opens_change_nothing(client, reader):
    payload = {"RecordType": "Open", "Recipient": "leser@example.org", "MessageID": "pm-123"}
    assert post_event(client, payload).status_code == 200

    assert not suppressed("leser@example.org")
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.ACTIVE


def test_webhook_needs_the_secret(client, reader):
    response = client.post(
        "/webhooks/anymail/postmark/tracking/",
        data=json.dumps({"RecordType": "Bounce", "Type": "HardBounce", "Email": "leser@example.org"}),
        content_type="application/json",
    )
    assert response.status_code in (400, 401, 403)
    assert not suppressed("leser@example.org")

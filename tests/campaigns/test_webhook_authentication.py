"""Webhooks prove who calls: only the installation's ESP is mounted, a system check names the missing
secret, and the attacks of the security review — an anonymous complaint or inbound "unsubscribe" for
somebody else's address — answer 4xx and change nothing. That a web process without the secret refuses to
start is shown with the other production checks (tests/cms/test_checks.py)."""

import json

import pytest
from django.core.checks import Error, Warning, run_checks

from campaigns import app_settings
from campaigns.addresses import email_hash
from campaigns.models import Subscription, Suppression
from tests.campaigns.engine import make_reader

VICTIM = "opfer@example.org"
COMPLAINT = {"RecordType": "SpamComplaint", "Type": "SpamComplaint", "Email": VICTIM}


@pytest.fixture
def victim(newsletter_channels):
    return make_reader(newsletter_channels["mint"], VICTIM)


def unharmed(victim) -> bool:
    return (
        not Suppression.objects.filter(email_hash=email_hash(VICTIM)).exists()
        and Subscription.objects.get(subscriber=victim).status == Subscription.Status.ACTIVE
    )


def complain(client, esp: str = "postmark", **headers):
    path = f"/webhooks/anymail/{esp}/tracking/"
    return client.post(path, json.dumps(COMPLAINT), content_type="application/json", **headers)


def inbound_unsubscribe(client):
    payload = {"FromFull": {"Email": VICTIM}, "To": "abmelden@localhost", "Subject": "Abmelden"}
    path = "/webhooks/anymail/postmark/inbound/"
    return client.post(path, json.dumps(payload), content_type="application/json")


def webhook_checks() -> list:
    return [message for message in run_checks() if message.id.startswith("campaigns.")]


def test_plain_smtp_mounts_no_webhook(client, victim, settings, mount_esp):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    mount_esp("")  # what CAMPAIGNS_ESP derives from an SMTP backend
    assert complain(client).status_code == 404
    assert inbound_unsubscribe(client).status_code == 404
    assert unharmed(victim)
    assert webhook_checks() == []


def test_the_esp_follows_the_mail_backend(settings):
    settings.EMAIL_BACKEND = "anymail.backends.amazon_ses.EmailBackend"
    assert app_settings.esp() == "amazon_ses"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert app_settings.esp() == ""
    settings.CAMPAIGNS_ESP = "postmark"  # sending through the ESP's SMTP relay
    assert app_settings.esp() == "postmark"


def test_only_the_installations_esp_is_mounted(client, victim, settings, mount_esp):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:geheim"}
    mount_esp("postmark")
    assert complain(client, "sparkpost").status_code == 404
    assert complain(client, "mailjet").status_code == 404
    assert unharmed(victim)


def test_without_a_secret_the_check_fails_and_every_call_is_refused(client, victim, settings, mount_esp):
    settings.ANYMAIL = {}
    settings.DEBUG = False
    mount_esp("postmark")

    [error] = webhook_checks()
    assert isinstance(error, Error) and error.id == "campaigns.E001"
    assert "ANYMAIL_WEBHOOK_SECRET" in error.msg

    assert complain(client).status_code == 403
    assert inbound_unsubscribe(client).status_code == 403
    assert unharmed(victim)


def test_development_only_warns(settings, mount_esp):
    settings.ANYMAIL = {}
    settings.DEBUG = True
    mount_esp("postmark")
    [warning] = webhook_checks()
    assert isinstance(warning, Warning) and not isinstance(warning, Error)


@pytest.mark.parametrize(
    "esp, setting",
    [("mandrill", "ANYMAIL_MANDRILL_WEBHOOK_KEY"), ("mailersend", "ANYMAIL_MAILERSEND_SIGNING_SECRET")],
)
def test_an_esp_that_signs_needs_its_signing_key(settings, mount_esp, esp, setting):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:geheim"}
    settings.DEBUG = False
    mount_esp(esp)
    assert any(setting in message.msg for message in webhook_checks())


def test_with_the_secret_an_anonymous_or_wrong_call_answers_400(client, victim, settings, mount_esp):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:geheim"}
    mount_esp("postmark")
    assert webhook_checks() == []
    assert complain(client).status_code == 400
    assert complain(client, HTTP_AUTHORIZATION="Basic aG9vazpmYWxzY2g=").status_code == 400  # hook:falsch
    assert inbound_unsubscribe(client).status_code == 400
    assert unharmed(victim)

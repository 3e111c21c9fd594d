"""Addresses that plain SMTP cannot carry are refused wherever an address enters — sign-up form, API, CSV
import, the admin's test mail — by one check (``campaigns.addresses.check_email``), with one German message;
an internationalised domain stays welcome."""

import re

import pytest
from django.urls import reverse

from campaigns.addresses import check_email
from campaigns.models import Subscriber
from campaigns.subscriptions.csv_io import import_subscribers
from tests.campaigns.subscribing import signup_data

pytestmark = pytest.mark.django_db

# Django's validator matches case-insensitively: the long s and the Kelvin sign pass as "s" and "k".
UNDELIVERABLE = ["jürgen@example.org", "ſtefan@example.org", "\u212aarl@example.org", "王伟@example.org"]
MESSAGE = "Adressen mit Umlauten oder anderen Sonderzeichen vor dem @ können wir leider nicht zustellen"


@pytest.mark.parametrize("address", UNDELIVERABLE)
def test_signup_form_refuses_in_german_and_stores_nothing(visitor, newsletter_channels, address):
    response = visitor.post("/newsletter/", signup_data(address))
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("address", UNDELIVERABLE)
def test_api_refuses_in_german_and_stores_nothing(visitor, newsletter_channels, address):
    data = {"email": address, "channels": ["mint-update"], "consent": True}
    response = visitor.post("/api/subscriptions", data, content_type="application/json")
    assert response.status_code == 422
    assert MESSAGE in response.json()["errors"]["email"][0]
    assert not Subscriber.objects.exists()


def test_import_names_each_refused_line_and_imports_nothing(newsletter_channels):
    rows = "".join(f"{address};mint-update\n" for address in ["anna@example.org", *UNDELIVERABLE])
    result = import_subscribers(f"email;channels\n{rows}".encode(), legal_basis="Altbestand")
    assert [line for line, _message in result.errors] == [3, 4, 5, 6]
    assert all(MESSAGE in message for _line, message in result.errors)
    assert not Subscriber.objects.exists()


def test_admin_test_mail_refuses_in_german(newsletter, manager, client, smtp_sink):
    dispatch = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk]))
    key = re.search(r'<option value="([0-9a-f]+)"', dispatch.content.decode()).group(1)
    response = client.post(
        reverse("campaigns_campaign:test_mail", args=[newsletter.campaign.pk]),
        {"addresses": "redaktion@example.org, jürgen@example.org", "variant": key},
        follow=True,
    )
    assert MESSAGE in response.content.decode()
    assert smtp_sink.messages == []


def test_an_internationalised_domain_is_welcome():
    assert check_email("max@bücher.de") == "max@xn--bcher-kva.de"

"""Webhooks in the admin: created with their events, the secret shown, a test sent, the deliveries listed."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from page_types.models import WebhookDelivery, WebhookEndpoint
from tests.factories import make_admin
from tests.page_types.webhooks.receiver import verify


def test_an_administrator_creates_a_webhook_choosing_its_events(client, db, receiver):
    client.force_login(make_admin("de"))
    add_url = reverse("page_types_webhookendpoint:add")
    form = client.get(add_url).content.decode()
    for event in ("page.published", "page.unpublished", "page.deleted"):
        assert f'value="{event}"' in form
    response = client.post(
        add_url, {"name": "Gemeinde", "url": receiver.url, "events": ["page.published"], "active": "on"}
    )
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["page.published"] and endpoint.secret.startswith("whsec_")
    edit = client.get(reverse("page_types_webhookendpoint:edit", args=[endpoint.pk])).content.decode()
    assert endpoint.secret in edit and "Zustellungen &amp; Test" in edit


def test_an_event_nobody_announces_is_refused(client, db, receiver):
    client.force_login(make_admin("de"))
    response = client.post(
        reverse("page_types_webhookendpoint:add"),
        {"name": "Gemeinde", "url": receiver.url, "events": ["page.exploded"], "active": "on"},
    )
    assert response.status_code == 200 and not WebhookEndpoint.objects.exists()


def test_test_senden_delivers_a_signed_message_and_logs_it(client, endpoint, receiver):
    client.force_login(make_admin("de"))
    response = client.post(reverse("page_types_webhookendpoint:test", args=[endpoint.pk]), follow=True)
    [message] = receiver.received
    assert verify(endpoint.secret, message.headers, message.body)["type"] == "webhook.test"
    page = response.content.decode()
    assert "Test zugestellt (Status 204)." in page
    delivery = WebhookDelivery.objects.get()
    assert delivery.message_id in page and 'data-status="delivered"' in page


def test_a_failed_test_says_why(client, endpoint, receiver):
    receiver.status = 401
    client.force_login(make_admin("en"))
    response = client.post(reverse("page_types_webhookendpoint:test", args=[endpoint.pk]), follow=True)
    assert "401" in response.content.decode()
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.FAILED


def test_editors_without_the_right_to_change_webhooks_see_no_log_and_send_nothing(
    client, endpoint, receiver, django_user_model
):
    editor = django_user_model.objects.create_user("redaktion", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("page_types_webhookendpoint:deliveries", args=[endpoint.pk])).status_code in (
        302,
        403,
    )
    client.post(reverse("page_types_webhookendpoint:test", args=[endpoint.pk]))
    assert receiver.received == [] and not WebhookDelivery.objects.exists()

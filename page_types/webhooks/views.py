"""The page of one webhook in the admin: its delivery log and the "Test senden" button.

Only those who may change webhooks see it; the test is sent at once, so the operator reads the receiver's
answer on the next page instead of waiting for the task queue.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.permissions import policy_registry

from page_types.models.webhooks import WebhookDelivery, WebhookEndpoint
from page_types.webhooks.delivery import send_test

LOG_LENGTH = 50
NAMESPACE = "page_types_webhookendpoint"


def _endpoint_for(request: HttpRequest, pk: int) -> WebhookEndpoint:
    if not policy_registry.get_by_type(WebhookEndpoint).user_has_permission(request.user, "change"):
        raise PermissionDenied
    return get_object_or_404(WebhookEndpoint, pk=pk)


def deliveries(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest messages to the endpoint with the outcome of their last attempt."""
    endpoint = _endpoint_for(request, pk)
    context = {
        "endpoint": endpoint,
        "deliveries": endpoint.deliveries.all()[:LOG_LENGTH],
        "page_title": _("Zustellungen an %(name)s") % {"name": endpoint.name},
        "header_title": _("Zustellungen an %(name)s") % {"name": endpoint.name},
        "header_icon": "link-external",
    }
    return render(request, "page_types/webhooks/deliveries.html", context)


def test(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a test message (POST only) and report the receiver's answer."""
    endpoint = _endpoint_for(request, pk)
    if request.method != "POST":
        return redirect(f"{NAMESPACE}:deliveries", pk=endpoint.pk)
    delivery = send_test(endpoint)
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        messages.success(
            request, _("Test zugestellt (Status %(status)s).") % {"status": delivery.response_status}
        )
    else:
        messages.error(request, _("Test nicht zugestellt: %(error)s") % {"error": delivery.error})
    return redirect(f"{NAMESPACE}:deliveries", pk=endpoint.pk)

"""The admin page "Versand-Status" (under Berichte): are the workers alive, what waits, what is being sent,
what went wrong last. For campaign managers; docs/OPERATIONS.md links to it."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.permissions import policy_registry

from campaigns.models import Campaign, Delivery
from campaigns.sending.status import sending_status


def may_see(user) -> bool:
    """Users who may send issues (the "Kampagnen" group) see the page."""
    return policy_registry.get_by_type(Campaign).user_has_permission(user, "send")


def sending_status_page(request: HttpRequest) -> HttpResponse:
    if not may_see(request.user):
        raise PermissionDenied
    status = sending_status()
    context = {
        "status": status,
        "delivery_rows": [(label, status.deliveries[value]) for value, label in Delivery.Status.choices],
        "page_title": _("Versand-Status"),
        "header_title": _("Versand-Status"),
    }
    return render(request, "campaigns/admin/sending_status.html", context)

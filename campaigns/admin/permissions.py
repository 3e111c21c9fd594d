"""Who may do what to an issue in the admin, asked of Wagtail's permission policy for campaigns.

Previewing, test mails and changing content need the right to change campaigns; sending, scheduling,
pausing and cancelling the separate right to send (``campaigns.send_campaign``).
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from wagtail.permissions import policy_registry

from campaigns.models import Campaign


def may(request: HttpRequest, action: str) -> bool:
    """Whether the user of the request holds ``action`` ("view", "change", "send", …) on campaigns."""
    return policy_registry.get_by_type(Campaign).user_has_permission(request.user, action)


def require(request: HttpRequest, action: str) -> None:
    """Refuse the request (403) unless its user holds ``action`` on campaigns."""
    if not may(request, action):
        raise PermissionDenied

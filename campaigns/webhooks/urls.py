"""The installation's ESP webhooks, for a host to mount with ``include("campaigns.webhooks.urls")``.

Only the ESP of ``CAMPAIGNS_ESP`` is mounted (none for plain SMTP), read when the URLs are loaded. Each view
refuses every call with 403 while it cannot authenticate its caller (``campaigns.webhooks.esp``), so a
misconfigured installation that was started anyway changes nothing on an anonymous request; the system
check names what is missing.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.urls import URLPattern
from django.views.decorators.csrf import csrf_exempt

from campaigns.webhooks.esp import missing_authentication, mounted_patterns

app_name = "anymail"


def authenticated_only(view: Callable) -> Callable:
    """``view``, answering 403 instead while its authentication is not configured."""

    @csrf_exempt
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if missing_authentication(view):
            return HttpResponseForbidden(
                "Webhook authentication is not configured.", content_type="text/plain"
            )
        return view(request, *args, **kwargs)

    return guarded


urlpatterns = [
    URLPattern(pattern.pattern, authenticated_only(pattern.callback), pattern.default_args, pattern.name)
    for pattern in mounted_patterns()
]

"""Views of the host itself, outside the plugins: the health check for load balancers."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """``/api/health/``: the web process answers (for load balancers; touches no database)."""
    return JsonResponse({"status": "ok"})

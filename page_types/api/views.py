"""Plain views around the content API: its index and JSON 404s below it."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from page_types.api.errors import NOT_FOUND_MESSAGE, error_response
from page_types.public_urls import public_url

PUBLIC_ENDPOINTS = ("pages", "images", "documents")


@never_cache
def index(request: HttpRequest) -> JsonResponse:
    """``/api/v2/``: where the endpoints are, so a client needs to know one URL only."""
    endpoints = {name: reverse(f"wagtailapi:{name}:listing") for name in PUBLIC_ENDPOINTS}
    endpoints["vocabulary"] = reverse("wagtailapi:vocabulary_index")
    return JsonResponse({name: public_url(path) for name, path in endpoints.items()})


def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Any other address below ``/api/v2/`` (e.g. ``/pages/abc/``) is a 404 in JSON, not the site's page."""
    return error_response(404, NOT_FOUND_MESSAGE)

"""Views of the host itself, outside the plugins: the health check for load balancers and ``robots.txt``."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from page_types.public_urls import absolute_url


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """``/api/health/``: the web process answers (for load balancers; touches no database)."""
    return JsonResponse({"status": "ok"})


def robots_txt(request: HttpRequest) -> HttpResponse:
    """``/robots.txt``: crawlers keep out of the admin, the drafts' preview and the endless search results,
    and find the sitemap at the site's configured address (``page_types.public_urls``)."""
    disallowed = [
        reverse("wagtailadmin_home"),
        reverse("wagtailapi:page_preview:listing"),
        reverse("search"),
    ]
    context = {"disallowed": disallowed, "sitemap_url": absolute_url(request, reverse("sitemap"))}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")

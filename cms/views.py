"""Views of the host itself, outside the plugins: the health check for load balancers and ``robots.txt``."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from page_types.public_urls import absolute_url

logger = logging.getLogger(__name__)


@never_cache
def alive(request: HttpRequest) -> JsonResponse:
    """``/api/health/``: the web process answers (a liveness probe; touches no database)."""
    return JsonResponse({"status": "ok"})


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """``/health/``: 200 when the web process reaches its database and its cache, else 503 naming what
    fails — for load balancers and monitoring. Workers have their own heartbeat (``/metrics/``, the admin's
    "Versand-Status")."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "error",
        **{name: "ok" if ok else "error" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means unhealthy; the log says which
        logger.exception("Health check: the database does not answer")
        return False


def _cache_answers() -> bool:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        answered = cache.get(key) == value
        cache.delete(key)
    except Exception:  # any failure means unhealthy; the log says which
        logger.exception("Health check: the cache does not answer")
        return False
    return answered


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

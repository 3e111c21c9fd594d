"""The host's API under ``/api/``: one ``NinjaAPI`` that the plugins' routers are added to, and one OpenAPI
document for everything below ``/api/``.

The document at ``/api/openapi.json`` is django-ninja's description of the subscription API, merged with
the content API's (``/api/v2/``), which ``page_types.api.openapi`` generates from the code that serves it,
and the health check. The docs page ``/api/docs`` renders it with the ``ninja`` app's own static assets (no
CDN). Errors are answered in German with field-by-field details.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.http import http_date
from ninja import NinjaAPI

from campaigns.api import errors
from campaigns.api.subscriptions import router as subscriptions_router
from page_types.api.openapi import content_api
from page_types.problems import ERROR_CACHE_CONTROL, PROBLEM_MEDIA_TYPE

HEALTH_PATH = {
    "get": {
        "operationId": "health",
        "tags": ["Betrieb"],
        "summary": "Der Webprozess antwortet (für Load Balancer; ohne Datenbank)",
        "responses": {
            "200": {
                "description": "Alles in Ordnung.",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {"status": {"const": "ok"}},
                            "required": ["status"],
                            "additionalProperties": False,
                        }
                    }
                },
            }
        },
    }
}


class LeuchtturmAPI(NinjaAPI):
    """django-ninja's API whose OpenAPI document also describes the content API and the health check, and
    whose errors are announced as problem details."""

    def create_response(self, request: HttpRequest, data: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().create_response(request, data, *args, **kwargs)
        if response.status_code >= 400:
            response["Content-Type"] = PROBLEM_MEDIA_TYPE
            response["Cache-Control"] = ERROR_CACHE_CONTROL
        return response

    def get_openapi_schema(self, **kwargs: Any) -> dict:
        schema = super().get_openapi_schema(**kwargs)
        content = content_api(reverse("wagtailapi:index"))
        schema["paths"] = {**content["paths"], **schema["paths"], reverse("alive"): HEALTH_PATH}
        components = schema.setdefault("components", {})
        for section, entries in content["components"].items():
            components[section] = {**components.get(section, {}), **entries}
        return schema


# The subscription API's version path, and its former unversioned paths: deprecated on the first date,
# answered until the second (docs/API-CHANGELOG.md).
SUBSCRIPTIONS = "v1/subscriptions"
UNVERSIONED = "subscriptions"
UNVERSIONED_DEPRECATED = datetime(2026, 12, 7, tzinfo=UTC)
UNVERSIONED_SUNSET = datetime(2027, 7, 1, tzinfo=UTC)


def deprecated_path(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``view`` answering at an unversioned path: the same answer, with the headers that say it is
    deprecated (RFC 9745), when it goes (RFC 8594) and where its successor is."""

    @wraps(view)  # keeps ninja's csrf_exempt
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        successor = request.path.replace(f"/{UNVERSIONED}", f"/{SUBSCRIPTIONS}", 1)
        response["Deprecation"] = f"@{int(UNVERSIONED_DEPRECATED.timestamp())}"
        response["Sunset"] = http_date(UNVERSIONED_SUNSET.timestamp())
        response["Link"] = f'<{successor}>; rel="successor-version"'
        return response

    return answer


def unversioned(patterns: list) -> list[URLPattern]:
    """The subscription API's endpoints once more at their paths before ``/api/v1/``, answering the same.

    Not a redirect: a relay posting with a client that does not follow redirects (plain curl, many PHP
    set-ups) would lose its sign-ups, which the deprecation policy promises keep working.
    """
    return [
        path(
            str(pattern.pattern).replace(SUBSCRIPTIONS, UNVERSIONED, 1),
            deprecated_path(pattern.callback),
            name=f"unversioned_{pattern.name}",
        )
        for pattern in patterns
        if str(pattern.pattern).startswith(SUBSCRIPTIONS)
    ]


api = LeuchtturmAPI(
    title="Leuchtturm API",
    version="1",
    description=(
        "Inhalte (Leuchttürme, MINT-Angebote, Innovationsgeschichte, Nachrichten; nur lesen, ohne Anmeldung) "
        "und Newsletter-Anmeldung der Wirtschaftsförderung des Landkreises Ludwigsburg. Alle Fehlermeldungen "
        "sind deutsch; ungültige Angaben ergeben 400 (Inhalte, mit dem Parameter) bzw. 422 (Anmeldung, mit "
        "Meldungen je Feld). Die Anmeldung liegt unter /api/v1/subscriptions; die Pfade ohne /v1 antworten "
        "bis 2027-06-30 gleich (veraltet). Server, die Anmeldungen weiterleiten, können sich mit einem "
        "API-Schlüssel ausweisen (RelayKey)."
    ),
    urls_namespace="api",
)
errors.install(api)
api.add_router(f"/{SUBSCRIPTIONS}", subscriptions_router)

"""Errors as RFC 9457 problem details (``application/problem+json``): one shape for every JSON answer.

Both APIs and the JSON Feeds answer each error with ``type`` (``about:blank``: the status says it all),
``title`` (the status in the request's language), ``status``, ``detail`` (what is wrong, for a person) and,
where input is at fault, ``errors`` — the messages per parameter or field. Errors are never stored by caches.
"""

from http import HTTPStatus
from typing import Any

from django.http import JsonResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE = "about:blank"
ERROR_CACHE_CONTROL = "private, no-store"
Errors = dict[str, list[str]] | None

TITLES: dict[int, Promise] = {
    400: _("Ungültige Anfrage"),
    401: _("Nicht angemeldet"),
    403: _("Nicht erlaubt"),
    404: _("Nicht gefunden"),
    405: _("Methode nicht erlaubt"),
    406: _("Format nicht verfügbar"),
    409: _("Konflikt"),
    410: _("Nicht mehr gültig"),
    412: _("Vorbedingung nicht erfüllt"),
    413: _("Anfrage zu groß"),
    415: _("Nicht unterstütztes Format"),
    422: _("Ungültige Angaben"),
    429: _("Zu viele Anfragen"),
    500: _("Interner Fehler"),
    503: _("Vorübergehend nicht verfügbar"),
}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Ein Fehler nach RFC 9457 (application/problem+json).",
    "properties": {
        "type": {"type": "string", "description": "Immer „about:blank“: der Status sagt, was es ist."},
        "title": {"type": "string", "description": "Der Status in Worten, in der Sprache der Anfrage."},
        "status": {"type": "integer", "description": "Der HTTP-Status."},
        "detail": {"type": "string", "description": "Was falsch ist, für Menschen."},
        "errors": {
            "type": "object",
            "description": "Meldungen je Parameter oder Feld; „__all__“ für die Anfrage als Ganzes.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}


def title(status: int) -> str:
    """The status in words, in the active language."""
    if status in TITLES:
        return str(TITLES[status])
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return str(TITLES[500] if status >= 500 else TITLES[400])


def problem(status: int, detail: Any = None, errors: Errors = None, **extensions) -> dict:
    """The body of an error answer; ``detail`` defaults to the title."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": title(status),
        "status": status,
        "detail": str(detail) if detail else title(status),
    }
    if errors:
        body["errors"] = {name: [str(message) for message in messages] for name, messages in errors.items()}
    body.update(extensions)
    return body


def problem_response(status: int, detail: Any = None, errors: Errors = None, **extensions) -> JsonResponse:
    """An error answer in the problem shape, never stored by caches."""
    response = JsonResponse(
        problem(status, detail, errors, **extensions),
        status=status,
        content_type=PROBLEM_MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = ERROR_CACHE_CONTROL
    return response


def is_problem(response: Any) -> bool:
    return response.get("Content-Type", "").startswith(PROBLEM_MEDIA_TYPE)

"""Error answers of the subscription API as problem details (``page_types.problems``): 422 with messages per
field, 400 for unreadable bodies, 415 for bodies that are not JSON, in the request's language.

django-ninja validates the JSON shape with pydantic and reports in English; these handlers translate the
common cases into the same ``errors`` per field that the endpoints give for the Django form errors, so a
client handles one format — the one the content API and the JSON Feeds answer with as well.
"""

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

from page_types.problems import problem

NON_FIELD = "__all__"


class MessageOut(Schema):
    detail: str


class ProblemOut(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] | None = None


def _message(error_type: str) -> str:
    messages = {
        "missing": _("Dieses Feld ist erforderlich."),
        "string_type": _("Bitte geben Sie einen Text an."),
        "list_type": _("Bitte geben Sie eine Liste an."),
        "bool_type": _("Bitte geben Sie true oder false an."),
        "bool_parsing": _("Bitte geben Sie true oder false an."),
        "string_too_long": _("Der Wert ist zu lang."),
        "too_long": _("Die Liste ist zu lang."),
        "model_attributes_type": _("Bitte senden Sie ein JSON-Objekt."),
        "model_type": _("Bitte senden Sie ein JSON-Objekt."),
        "dict_type": _("Bitte senden Sie ein JSON-Objekt."),
        "extra_forbidden": _("Dieses Feld ist unbekannt."),
    }
    return messages.get(error_type, _("Der Wert ist ungültig."))


def _field(location: tuple | list) -> str:
    # ("body", "payload", "channels", 3) -> "channels"; ("body", "payload") -> the whole body
    names = [part for part in location[2:] if isinstance(part, str)]
    return names[0] if names else NON_FIELD


def failure(status: int, detail: str, errors: dict[str, list[str]] | None = None) -> Status:
    """An error answer of an endpoint."""
    return Status(status, problem(status, detail, errors))


def invalid(errors: dict[str, list[str]]) -> Status:
    """The 422 answer for field errors."""
    return failure(422, _("Die Angaben sind unvollständig oder ungültig."), errors)


def form_errors(form: Form) -> dict[str, list[str]]:
    """A bound, invalid Django form's errors in the API's shape."""
    return {
        field: [error["message"] for error in errors] for field, errors in form.errors.get_json_data().items()
    }


class UnsupportedMediaType(Exception):
    """A body sent as something else than JSON."""


def is_json(media_type: str) -> bool:
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class JsonParser(Parser):
    """Reads a body only if it is declared as JSON.

    A browser sends ``text/plain`` and form types across origins without asking first (no CORS preflight);
    refusing them keeps any web site from signing its visitors up behind their backs, and tells a client
    that mislabels its JSON what is wrong (415) instead of reading it anyway.
    """

    def parse_body(self, request: HttpRequest) -> dict:
        if not is_json(request.content_type or ""):
            raise UnsupportedMediaType(request.content_type)
        return super().parse_body(request)


def install(api: NinjaAPI) -> None:
    """Register the German handlers on ``api`` and have it read JSON bodies only."""
    api.parser = JsonParser()

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            messages = errors.setdefault(_field(error.get("loc", ())), [])
            message = _message(error.get("type", ""))
            if message not in messages:
                messages.append(message)
        answer = invalid(errors)
        return api.create_response(request, answer.value, status=answer.status_code)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status, detail = exc.status_code, str(exc)
        if isinstance(exc.__cause__, UnsupportedMediaType):  # raised by JsonParser, wrapped by ninja
            status, detail = 415, _("Bitte senden Sie den Inhalt als JSON (Content-Type: application/json).")
        elif status == 400 and detail.startswith("Cannot parse request body"):
            detail = _("Der Inhalt der Anfrage ist kein gültiges JSON.")
        response = api.create_response(request, problem(status, detail), status=status)
        if status == 415:
            response[f"Accept-{request.method.title()}"] = "application/json"
        elif status == 401:
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response

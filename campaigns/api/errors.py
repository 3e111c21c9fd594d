"""Error answers of the subscription API as problem details (``page_types.problems``): 422 with messages per
field, 400 for unreadable bodies, in the request's language.

django-ninja validates the JSON shape with pydantic and reports in English; these handlers translate the
common cases into the same ``errors`` per field that the endpoints give for the Django form errors, so a
client handles one format — the one the content API and the JSON Feeds answer with as well.
"""

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Status
from ninja.errors import HttpError, ValidationError

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


def install(api: NinjaAPI) -> None:
    """Register the German handlers on ``api``."""

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
        detail = str(exc)
        if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
            detail = _("Der Inhalt der Anfrage ist kein gültiges JSON.")
        return api.create_response(request, problem(exc.status_code, detail), status=exc.status_code)

"""Errors of the content API: problem details (``page_types.problems``) with the offending query parameter
named in ``errors``.

``error_response`` builds every error body; ``ERROR_MEDIA_TYPE`` and ``ERROR_SCHEMA`` describe it in the
OpenAPI document (``page_types.api.openapi``) — a new error format changes these three together. The members
``message`` and ``parameter`` of the API's first error shape are kept, deprecated, until ``/api/v3/``
(docs/API-CHANGELOG.md).
"""

import re

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.api.v2.utils import BadRequestError

from page_types.problems import PROBLEM_MEDIA_TYPE, PROBLEM_SCHEMA, problem_response

NOT_FOUND_MESSAGE = _("Nicht gefunden.")
ERROR_MEDIA_TYPE = PROBLEM_MEDIA_TYPE
ERROR_SCHEMA = {
    **PROBLEM_SCHEMA,
    "properties": {
        **PROBLEM_SCHEMA["properties"],
        "message": {"type": "string", "deprecated": True, "description": "Wie „detail“ (bis /api/v3/)."},
        "parameter": {
            "type": "string",
            "deprecated": True,
            "description": "Der Parameter, an dem es liegt (bis /api/v3/; siehe „errors“).",
        },
    },
    "required": [*PROBLEM_SCHEMA["required"], "message"],
    "additionalProperties": False,
}


class ParameterError(BadRequestError):
    """A query parameter with an unknown name or an invalid value; answered with 400."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(str(message))
        self.parameter = parameter


def error_response(status: int, message: str, parameter: str | None = None) -> HttpResponse:
    """An error of the content API: the problem, with ``errors`` naming the parameter at fault."""
    if parameter:
        return problem_response(
            status, message, {parameter: [message]}, message=str(message), parameter=parameter
        )
    return problem_response(status, message, message=str(message))


# Wagtail explains a bad ``fields`` parameter in English only: its parser (``parse_fields_parameter``) and the
# endpoint's field check (``_get_serializer_class``) raise these messages, which are said again in German.
FIELDS_ERRORS: tuple[tuple[re.Pattern[str], Promise], ...] = (
    (
        re.compile(r"unexpected char '(?P<char>.)' at position (?P<position>\d+)", re.DOTALL),
        _("unerwartetes Zeichen „%(char)s“ an Position %(position)s"),
    ),
    (
        re.compile(r"unexpected whitespace at position (?P<position>\d+)"),
        _("unerwarteter Leerraum an Position %(position)s"),
    ),
    (
        re.compile(r"unexpected end of input \(did you miss out a close bracket\?\)"),
        _("unerwartetes Ende (fehlt eine schließende Klammer?)"),
    ),
    (re.compile(r"'(?P<name>[*_])' must be in the first position"), _("„%(name)s“ muss am Anfang stehen")),
    (re.compile(r"'(?P<name>[*_])' cannot be negated"), _("„%(name)s“ lässt sich nicht ausschließen")),
    (
        re.compile(r"negated fields with '_' doesn't make sense"),
        _("nach „_“ lassen sich keine Felder ausschließen, nur hinzufügen"),
    ),
    (
        re.compile(r"additional fields with '\*' doesn't make sense"),
        _("nach „*“ lassen sich Felder nur ausschließen"),
    ),
)
# Wagtail's nested selection (``provider(name)``) reaches only relations it serialises itself; every relation
# here has a serializer of its own (terms, organisations, images, dates) that always renders the whole object.
NESTED_FIELDS_MESSAGE = _(
    "„%(name)s(…)“: Unterfelder lassen sich nicht auswählen, jedes Feld kommt ganz; möglich sind "
    "Feldnamen wie „teaser,topics“, „*,-body“ oder „_,id,title“"
)
UNKNOWN_FIELDS = re.compile(r"unknown fields: (?P<names>.+)", re.DOTALL)


def fields_message(error: Exception) -> str:
    """Wagtail's complaint about the ``fields`` parameter, in German with the field names kept.

    A complaint not known here is not passed on in English: the message then only says that the selection is
    invalid.
    """
    detail = german_fields_detail(str(error).removeprefix("fields error: "))
    if detail is None:
        return str(_("Ungültige Feldauswahl."))
    return _("Ungültige Feldauswahl: %(detail)s.") % {"detail": detail}


def nested_fields_message(name: str) -> str:
    """The refusal of a nested selection (``provider(name)``), naming the field and the syntax there is."""
    return _("Ungültige Feldauswahl: %(detail)s.") % {"detail": NESTED_FIELDS_MESSAGE % {"name": name}}


def german_fields_detail(detail: str) -> str | None:
    """Wagtail's English explanation of a bad ``fields`` parameter in German, or ``None`` if not known."""
    if match := UNKNOWN_FIELDS.fullmatch(detail):
        count = match["names"].count(",") + 1
        message = ngettext("unbekanntes Feld: %(names)s", "unbekannte Felder: %(names)s", count)
        return message % match.groupdict()
    for pattern, message in FIELDS_ERRORS:
        if match := pattern.fullmatch(detail):
            return message % match.groupdict()
    return None

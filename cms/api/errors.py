"""Errors of the content API: always JSON, with the offending query parameter named."""

from django.utils.translation import gettext_lazy as _
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

NOT_FOUND_MESSAGE = _("Nicht gefunden.")


class ParameterError(BadRequestError):
    """A query parameter with an unknown name or an invalid value; answered with 400."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(str(message))
        self.parameter = parameter


def error_response(status: int, message: str, parameter: str | None = None) -> Response:
    """The body every error of the content API has: ``message``, and ``parameter`` where one is at fault."""
    data = {"message": str(message)}
    if parameter:
        data["parameter"] = parameter
    return Response(data, status=status)

"""A request id on every log line a web request causes, and on its response.

The reverse proxy's id (nginx ``$request_id``, passed as ``X-Request-ID``) is taken when it looks like one,
so that the proxy's access log and the application's log lines can be joined; otherwise one is made.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponseBase

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")
ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Sets the id for the request (and the log lines it causes) and answers it in ``X-Request-ID``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if ACCEPTED.match(given) else uuid.uuid4().hex
        # Not reset afterwards: Django logs a failed response after the middleware returned, and each
        # request of a (sync) worker sets its own id first.
        REQUEST_ID.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (empty outside a request, e.g. in a worker)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True

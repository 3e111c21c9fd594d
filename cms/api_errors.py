"""One error shape under ``/api/`` and on the JSON Feeds: whatever answers there with an error, it is RFC 9457
problem details (``page_types.problems``).

The APIs answer their own errors in that shape. What answers before or after them does not: Django's 404
for a path no API knows, django-ninja's empty 405, a 500 from an exception nobody caught. This middleware
turns each such answer into a problem with the same status, keeping ``Allow`` and ``Retry-After``. A path
that is only found with or without its trailing slash is redirected there with 308 (method and body kept),
so ``/api/subscriptions/options/`` and ``/api/subscriptions/`` reach the same endpoints as without. Such a
path would otherwise be taken by Wagtail's page serving, whose CSRF check refuses a relay's POST with a 403,
so it is redirected before any view or check runs.
"""

import logging
import re
from collections.abc import Callable

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve

from page_types.problems import is_problem, problem_response

logger = logging.getLogger(__name__)

JSON_PATHS = re.compile(r"^/(api/|feeds/[^/]+/json/)")
KEPT_HEADERS = ("Allow", "Retry-After", "Vary")
ANSWERED_BY_DJANGO = (Http404, PermissionDenied, BadRequest, SuspiciousOperation)


def answers_json(request: HttpRequest) -> bool:
    """Whether the request is for an API or a JSON Feed."""
    return bool(JSON_PATHS.match(request.path_info))


def slash_twin(path: str) -> str | None:
    """The same path with its trailing slash added or removed, if an API answers there."""
    twin = path[:-1] if path.endswith("/") else path + "/"
    try:
        match = resolve(twin)
    except Resolver404:
        return None
    return None if match.url_name in (None, "wagtail_serve") else twin


def redirect_to(request: HttpRequest, path: str) -> HttpResponsePermanentRedirect:
    """A 308 to ``path`` with the request's query: the client repeats its method and body there."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(path + (f"?{query}" if query else ""), preserve_request=True)


class ProblemDetailsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code < 400 or not answers_json(request):
            return response
        # Before the problem check: the content API answers unknown paths with its own problem 404.
        if response.status_code == 404 and (twin := slash_twin(request.path_info)):
            return redirect_to(request, twin)
        if is_problem(response):
            return response
        problem = problem_response(response.status_code)
        for header in KEPT_HEADERS:
            if header in response:
                problem[header] = response[header]
        return problem

    def process_view(self, request: HttpRequest, view: Callable, *args) -> HttpResponseBase | None:
        if request.resolver_match.url_name != "wagtail_serve" or not answers_json(request):
            return None
        twin = slash_twin(request.path_info)
        return None if twin is None else redirect_to(request, twin)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponseBase | None:
        if not answers_json(request) or isinstance(exception, ANSWERED_BY_DJANGO):
            return None  # Django answers these with their own status; __call__ reshapes that answer
        logger.exception("Unhandled error answering %s", request.path, exc_info=exception)
        return problem_response(500)

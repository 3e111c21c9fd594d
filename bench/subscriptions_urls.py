"""The project's URLs plus ``/bench/ping/``, a trivial JSON view used as the ceiling in the sign-up bench."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def ping(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/ping/", ping), path("", include("cms.urls"))]

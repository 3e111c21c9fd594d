"""The language a request is answered in: the site's language on the public site, the user's in the admin.

The site's pages, its search and the newsletter pages are in the language of their address: German without a
prefix, every other content language under its own (``/en/…``, ``i18n_patterns`` in ``cms.urls``); the feeds
and the APIs are written in the site's language (``LANGUAGE_CODE``). Django's ``LocaleMiddleware`` would
activate whatever the browser prefers and announce German text as English, so outside the admin the address
decides, and responses do not vary by ``Accept-Language``. The admin keeps ``LocaleMiddleware``; there
Wagtail renders each view in the signed-in user's chosen admin language, and that language, not the
browser's, is the one announced. The APIs' error messages follow ``Accept-Language`` (their answers vary by
it); their content stays in its own language.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from page_types.problems import is_problem


def in_admin(request: HttpRequest) -> bool:
    """Whether the request is for a page of the Wagtail admin."""
    return request.path_info.startswith(reverse("wagtailadmin_home"))


def admin_language(request: HttpRequest) -> str | None:
    """The language Wagtail renders the admin in for the signed-in user, if one is signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(user, "wagtail_userprofile"):
        return None
    return user.wagtail_userprofile.get_preferred_language()


def in_api(request: HttpRequest) -> bool:
    """Whether the request is for one of the APIs under ``/api/``."""
    return request.path_info.startswith("/api/")


class SiteLanguageMiddleware(LocaleMiddleware):
    """``LocaleMiddleware`` for the admin; the site's own language everywhere else, except that the APIs'
    messages follow ``Accept-Language`` among the site's languages (German unless the client asks for one of
    the others) — their clients are programs that show the messages to their own users."""

    def process_request(self, request: HttpRequest) -> None:
        if in_admin(request):
            super().process_request(request)
            return
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        if in_api(request):
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        # Wagtail renders an admin view in the user's language but words some messages after the view
        # (its "permission denied"), and lazy messages are stored after it: both would be in the browser's.
        if in_admin(request) and (language := admin_language(request)) is not None:
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if in_admin(request):  # the language process_view activated is the one announced
            return super().process_response(request, response)
        if not in_api(request):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        patch_vary_headers(response, ["Accept-Language"])
        language = translation.get_language() if is_problem(response) else settings.LANGUAGE_CODE
        response.headers.setdefault("Content-Language", language)
        return response

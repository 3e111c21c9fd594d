"""Throttled admin login: Wagtail's login view, refusing further tries after too many failures.

Failures are counted in Django's cache (Redis in production, so all web hosts share the counts) per
account and per client, each for a window that starts with the first failure: a password guesser is
stopped whether it tries many passwords on one account or one password on many, and a locked account
opens again by itself. The client is the address the site's own proxies report
(``campaigns.subscriptions.ratelimit.client_bucket``, ``TRUSTED_PROXIES``). Nothing else is stored: no
log of attempts, no address kept beyond the window.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.admin.views.account import LoginView

from campaigns.subscriptions.ratelimit import client_bucket, count

KEY_PREFIX = "cms:login-failures"
FAILURES_PER_ACCOUNT = 10
FAILURES_PER_CLIENT = 30
WINDOW_SECONDS = 15 * 60


def _counters(request: HttpRequest) -> dict[str, int]:
    """Cache key -> limit for the account named in the form and for the client."""
    username = str(request.POST.get("username", "")).strip().lower()[:150]
    account = hashlib.sha256(username.encode()).hexdigest()
    return {
        f"{KEY_PREFIX}:account:{account}": FAILURES_PER_ACCOUNT,
        f"{KEY_PREFIX}:client:{client_bucket(request)}": FAILURES_PER_CLIENT,
    }


class ThrottledLoginView(LoginView):
    """Wagtail's login; after too many failures for the account or the client, 429 without checking."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        counters = _counters(request)
        if any(cache.get(key, 0) >= limit for key, limit in counters.items()):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen "
                    "Sie es dann erneut."
                ),
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(WINDOW_SECONDS)
            return response
        response = super().post(request, *args, **kwargs)
        if not request.user.is_authenticated:
            for key in counters:
                count(key, WINDOW_SECONDS)
        return response

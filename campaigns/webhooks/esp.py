"""Which ESP the installation uses, and whether its webhooks authenticate their callers.

django-anymail accepts unsigned calls when ``ANYMAIL_WEBHOOK_SECRET`` is missing and only warns, so anyone
could report a complaint for any address. Each webhook view is asked here, with anymail's own rules, whether
it would know its caller: a basic-auth secret, or the ESP's own signing key where anymail verifies one.
The system check (``campaigns.checks``) and the mounted views (``campaigns.webhooks.urls``) use the same
answer.
"""

import re
import warnings
from collections.abc import Callable

from anymail.exceptions import AnymailInsecureWebhookWarning
from anymail.webhooks.mandrill import MandrillSignatureMixin
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern

from campaigns import app_settings

SHARED_SECRET = "ANYMAIL_WEBHOOK_SECRET"


def webhook_patterns(esp: str) -> list[URLPattern]:
    """anymail's webhook URL patterns of one ESP (its module name, e.g. ``postmark``, ``amazon_ses``)."""
    if not esp:
        return []
    # anymail's URL module imports every ESP's webhooks (boto3, cryptography): only an ESP's site loads it.
    from anymail import urls as anymail_urls

    return [pattern for pattern in anymail_urls.urlpatterns if (pattern.name or "").startswith(f"{esp}_")]


def missing_authentication(view: Callable) -> str | None:
    """The setting a webhook view (an anymail ``as_view()``) lacks to authenticate its caller, or ``None``.

    The view is built as anymail builds it for a request: a signing key anymail requires raises at once, a
    missing basic-auth secret shows as anymail's insecure-webhook warning. Mandrill defers its missing key
    to the first call, so it is looked at directly.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            instance = view.view_class(**view.view_initkwargs)
        except ImproperlyConfigured as error:
            named = re.search(r"ANYMAIL_[A-Z0-9_]+", str(error))
            return named.group(0) if named else str(error)
    if any(issubclass(warning.category, AnymailInsecureWebhookWarning) for warning in caught):
        return SHARED_SECRET
    if isinstance(instance, MandrillSignatureMixin) and instance.webhook_key is None:
        return "ANYMAIL_MANDRILL_WEBHOOK_KEY"
    return None


def unauthenticated_webhooks() -> dict[str, str]:
    """URL name -> missing setting, for each mounted webhook of the installation's ESP that cannot tell
    its caller from anybody else."""
    missing = {pattern.name: missing_authentication(pattern.callback) for pattern in mounted_patterns()}
    return {name: setting for name, setting in missing.items() if setting}


def mounted_patterns() -> list[URLPattern]:
    """The webhook patterns of the installation's ESP (``CAMPAIGNS_ESP``); none for plain SMTP."""
    return webhook_patterns(app_settings.esp())

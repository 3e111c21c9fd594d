"""System checks of the outreach plugin: what must be configured before the site may run in production."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from campaigns import app_settings
from campaigns.webhooks.esp import unauthenticated_webhooks


@register("security", deploy=False)
def webhooks_authenticated(app_configs=None, **kwargs) -> list[CheckMessage]:
    """An error (a warning with ``DEBUG`` on) for each mounted ESP webhook that would accept anybody's call.

    Such a webhook would let anyone report a complaint or an unsubscribe for any address.
    """
    level, check_id = (Warning, "campaigns.W001") if settings.DEBUG else (Error, "campaigns.E001")
    by_setting: dict[str, list[str]] = {}
    for url_name, setting in unauthenticated_webhooks().items():
        by_setting.setdefault(setting, []).append(url_name)
    return [
        level(
            f"The {app_settings.esp()} webhooks ({', '.join(url_names)}) are mounted without "
            f"authentication: set {setting}.",
            hint="Without it anybody can suppress or unsubscribe any address (docs/OPERATIONS.md, "
            "section 9).",
            id=check_id,
        )
        for setting, url_names in sorted(by_setting.items())
    ]

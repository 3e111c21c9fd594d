"""App configuration for the outreach plugin."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Kampagnen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from campaigns import signal_handlers, webhooks  # noqa: F401

"""App configuration for the outreach plugin."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Kampagnen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from campaigns import checks, signal_handlers  # noqa: F401
        from campaigns.announcements import register_announcements
        from campaigns.webhooks import receivers  # noqa: F401
        from campaigns.welcome import receivers as welcome_receivers  # noqa: F401

        register_announcements()

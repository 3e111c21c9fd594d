"""App configuration of the host project (templates, static files, management commands, content API)."""

from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Leuchtturm"

    def ready(self) -> None:
        from cms.api.signal_handlers import register_signal_handlers

        register_signal_handlers()

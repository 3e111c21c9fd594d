"""App configuration for the content plugin."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageTypesConfig(AppConfig):
    name = "page_types"
    verbose_name = _("Inhalte")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from page_types.rendition_tasks import register_rendition_tasks
        from page_types.signal_handlers import register_signal_handlers
        from page_types.webhooks.page_events import register_page_events

        register_signal_handlers()
        register_rendition_tasks()
        register_page_events()

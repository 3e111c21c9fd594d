"""App configuration of the host project: its templates, static files, management commands and demo."""

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Leuchtturm"

    def ready(self) -> None:
        from cms import checks  # noqa: F401  (registers the production checks)
        from cms.locales import ensure_content_locales

        # After Wagtail's own migrations (this app has no models, so it gets no post_migrate of its own).
        post_migrate.connect(ensure_content_locales, sender=apps.get_app_config("wagtailcore"))

"""App configuration of the host project: its templates, static files, management commands and demo."""

from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Leuchtturm"

    def ready(self) -> None:
        from cms import checks  # noqa: F401  (registers the production checks)

"""App configuration of the host project (templates, static files, management commands)."""

from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Leuchtturm"

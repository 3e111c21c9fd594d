"""Mounting an ESP's webhooks for a test: the URLs are read once per process, as in production, so the
fixture sets ``CAMPAIGNS_ESP`` and loads the URL configuration again (and once more when the test ends)."""

import importlib

import pytest
from django.conf import settings as django_settings
from django.urls import clear_url_caches


def reload_urls() -> None:
    """Load the webhook URLs and the root URL configuration again from the current settings."""
    importlib.reload(importlib.import_module("campaigns.webhooks.urls"))
    importlib.reload(importlib.import_module(django_settings.ROOT_URLCONF))
    clear_url_caches()


@pytest.fixture
def mount_esp(settings):
    """``mount_esp("postmark")`` mounts that ESP's webhooks for the rest of the test."""

    def mount(esp: str) -> None:
        settings.CAMPAIGNS_ESP = esp
        reload_urls()

    yield mount
    del settings.CAMPAIGNS_ESP
    reload_urls()

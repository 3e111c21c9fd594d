"""Announce pages that appear, change or go: ``page.published``, ``page.unpublished``, ``page.deleted``.

Each message names the page (id, type as in the API's ``meta.type``, locale), where it is (``html_path`` and
``html_url`` on the public base URL, the parent's path for listings) and the cache tags a front end
revalidates on: ``pages``, ``page:<id>``, ``type:<type>``, ``parent:<id>``, and ``municipality:<slug>`` and
``topic:<slug>`` for each place and topic of a content page. Deleting a subtree announces each live page in
it; Wagtail unpublishes each before, so a receiver hears ``page.unpublished`` and then ``page.deleted``.
"""

from typing import Any

from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from page_types.models import ContentPage
from page_types.public_urls import public_url
from page_types.webhooks import events

PUBLISHED = "page.published"
UNPUBLISHED = "page.unpublished"
DELETED = "page.deleted"


def type_name(page: Page) -> str:
    """The page's type as the content API names it in ``meta.type``."""
    return f"{page._meta.app_label}.{type(page).__name__}"


def revalidation_tags(page: Page, parent: Page | None) -> list[str]:
    """The cache tags that responses showing ``page`` may carry."""
    tags = ["pages", f"page:{page.pk}", f"type:{type_name(page)}"]
    if parent is not None:
        tags.append(f"parent:{parent.pk}")
    if isinstance(page, ContentPage):
        tags += [f"municipality:{slug}" for slug in page.municipalities.values_list("slug", flat=True)]
        tags += [f"topic:{slug}" for slug in page.topics.values_list("slug", flat=True)]
    return tags


def _path(page: Page | None) -> tuple[str, str]:
    parts = page.get_url_parts() if page is not None else None
    if not parts:
        return "", ""
    _site_id, _root_url, path = parts
    return path, public_url(path)


def page_data(page: Page) -> dict[str, Any]:
    """What a message says about ``page``: no author, no editor, nothing about a person."""
    page = page.specific
    parent = page.get_parent()
    html_path, html_url = _path(page)
    parent_path, _parent_url = _path(parent)
    return {
        "id": page.pk,
        "type": type_name(page),
        "locale": page.locale.language_code,
        "title": page.title,
        "html_path": html_path,
        "html_url": html_url,
        "parent_path": parent_path,
        "tags": revalidation_tags(page, parent),
    }


def published(sender, instance: Page, **kwargs) -> None:
    events.announce(PUBLISHED, page_data(instance))


def unpublished(sender, instance: Page, **kwargs) -> None:
    events.announce(UNPUBLISHED, page_data(instance))


def deleted(sender, instance: Page, **kwargs) -> None:
    """Before the rows go: the message needs the page's places, topics and path."""
    if instance.live and not instance.is_root():
        events.announce(DELETED, page_data(instance))


def register_page_events() -> None:
    events.register(PUBLISHED, _("Seite veröffentlicht"))
    events.register(UNPUBLISHED, _("Veröffentlichung einer Seite zurückgezogen"))
    events.register(DELETED, _("Seite gelöscht"))
    page_published.connect(published, dispatch_uid="page_types.webhooks.published")
    page_unpublished.connect(unpublished, dispatch_uid="page_types.webhooks.unpublished")
    pre_delete.connect(deleted, sender=Page, dispatch_uid="page_types.webhooks.deleted")

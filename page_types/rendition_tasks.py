"""The API's ``srcset`` renditions of an image, made ahead in the task queue and never inside a request.

Making an image's AVIF and WebP widths takes seconds for a large photo. Saving an image and publishing a
page therefore queue a task (django-q2) that makes every rendition the API shows of the image, or of the
page's images, once the change is committed; the editor never waits for it. A listing shows the candidates
that exist (``page_types.references.api_renditions``), so the task advances the content version when it
made any, and kept answers are rendered afresh. ``manage.py queue_renditions`` queues all images, e.g. after
an upgrade that adds sizes.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import ForeignKey, Model
from django.db.models.signals import post_save
from django_q.tasks import async_task
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, SourceImageIOError
from wagtail.models import Page
from wagtail.signals import page_published

from page_types.renditions import api_filters, api_rendition_specs
from page_types.versions import ContentVersion

logger = logging.getLogger(__name__)

TASK_MAKE = "page_types.rendition_tasks.make_renditions"
TASK_GROUP = "renditions"


def make_renditions(image_ids: list[int]) -> None:
    """Make the renditions the API shows of these images that do not exist yet (the task)."""
    made = False
    for image in (
        get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*api_rendition_specs())
    ):
        filters = api_filters(image.width)
        if len(image.find_existing_renditions(*filters)) == len(filters):
            continue
        try:
            image.get_renditions(*filters)
        except SourceImageIOError:
            logger.warning("Image %s has no readable source file; no renditions made.", image.pk)
            continue
        made = True
    if made:
        ContentVersion.bump()


def queue_renditions(image_ids: Iterable[int | None]) -> None:
    """Queue ``make_renditions`` for these images once the current transaction commits."""
    ids = sorted({pk for pk in image_ids if pk is not None})
    if ids:
        transaction.on_commit(lambda: async_task(TASK_MAKE, ids, group=TASK_GROUP))


def page_image_ids(page: Page) -> list[int | None]:
    """The images a page refers to by its own fields (listing image, hero image), which listings show."""
    return [
        getattr(page, field.attname)
        for field in page._meta.concrete_fields
        if isinstance(field, ForeignKey) and issubclass(field.related_model, AbstractImage)
    ]


def image_saved(instance: AbstractImage, **kwargs) -> None:
    queue_renditions([instance.pk])


def page_was_published(instance: Model, **kwargs) -> None:
    queue_renditions(page_image_ids(instance))


def register_rendition_tasks() -> None:
    post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="page_types.image_saved")
    page_published.connect(page_was_published, dispatch_uid="page_types.page_was_published")

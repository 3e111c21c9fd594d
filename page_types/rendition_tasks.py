"""The API's renditions of an image, made ahead in the task queue rather than by the first listing.

Making the renditions of one image takes about a second for a large upload (AVIF above all). A listing that
found them missing would make them inside the request; instead, saving an image and publishing a page queue
a task (django-q2) that makes every rendition the API shows of the image, or of the page's images. The
task runs once the change is committed, and the editor never waits for it. A listing still makes what is
missing (the queue may lag), so nothing depends on the worker for correctness.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import ForeignKey, Model
from django.db.models.signals import post_save
from django_q.tasks import async_task
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.signals import page_published

from page_types.references import api_renditions
from page_types.renditions import api_rendition_specs

TASK_MAKE = "page_types.rendition_tasks.make_renditions"
TASK_GROUP = "renditions"


def make_renditions(image_ids: list[int]) -> None:
    """Make the renditions the API shows of these images that do not exist yet (the task)."""
    images = get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*api_rendition_specs())
    for image in images:
        api_renditions(image)


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

"""``manage.py queue_renditions``: queue the API's renditions of every image (e.g. after an upgrade that
adds sizes or formats), in tasks of ``BATCH`` images each."""

from django.core.management.base import BaseCommand
from django_q.tasks import async_task
from wagtail.images import get_image_model

from page_types.rendition_tasks import TASK_GROUP, TASK_MAKE

BATCH = 20


class Command(BaseCommand):
    help = "Beauftragt die Hintergrundaufgaben, alle Bildgrößen und -formate der API zu erzeugen."

    def handle(self, *args, **options):
        ids = list(get_image_model().objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            async_task(TASK_MAKE, ids[start : start + BATCH], group=TASK_GROUP)
        self.stdout.write(f"{len(ids)} Bilder in Auftrag gegeben; die Hintergrundaufgaben erzeugen sie.")

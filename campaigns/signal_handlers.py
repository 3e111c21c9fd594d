"""Whatever deletes a subscriber — erasure, the purge of stale sign-ups, a bulk delete in the admin or a
shell — leaves no personal data behind: the consent log is anonymised instead of deleted (it keeps the
anonymous counts), and the admin's log entries, whose labels hold the address, are removed.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from wagtail.models import ModelLogEntry

from campaigns.models import ConsentEvent, Subscriber


@receiver(pre_delete, sender=Subscriber, dispatch_uid="campaigns.anonymise_consent_log")
def anonymise_consent_log(sender, instance: Subscriber, **kwargs) -> None:
    ConsentEvent.objects.filter(subscriber=instance).anonymise()


@receiver(post_delete, sender=Subscriber, dispatch_uid="campaigns.forget_admin_log")
def forget_admin_log(sender, instance: Subscriber, **kwargs) -> None:
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Subscriber), object_id=str(instance.pk)
    ).delete()

"""Whatever deletes a subscriber — erasure, the purge of stale sign-ups, a bulk delete in the admin or a
shell — leaves no personal data behind: the consent log is anonymised instead of deleted (it keeps the
anonymous counts), and the admin's log entries, whose labels hold the address, are removed.

Feeds and calendars are cached until what they show changes; ``watch_channels`` adds the channels to that.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from wagtail.models import ModelLogEntry

from campaigns.models import Channel, ConsentEvent, Subscriber
from page_types import signal_handlers as content_versions


@receiver(pre_delete, sender=Subscriber, dispatch_uid="campaigns.anonymise_consent_log")
def anonymise_consent_log(sender, instance: Subscriber, **kwargs) -> None:
    ConsentEvent.objects.filter(subscriber=instance).anonymise()


@receiver(post_delete, sender=Subscriber, dispatch_uid="campaigns.forget_admin_log")
def forget_admin_log(sender, instance: Subscriber, **kwargs) -> None:
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Subscriber), object_id=str(instance.pk)
    ).delete()


def watch_channels() -> None:
    """Feeds and calendars show each channel's name and selection: a change to a channel or its rule
    advances the content version (``page_types.signal_handlers``) like a publish does."""
    content_versions.watch(Channel)


watch_channels()

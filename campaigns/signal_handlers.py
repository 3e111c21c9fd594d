"""Whatever deletes a subscriber — erasure, the purge of stale sign-ups, a bulk delete in the admin or a
shell — leaves no personal data behind: the consent log is anonymised instead of deleted (it keeps the
anonymous counts), and the admin's log entries, whose labels hold the address, are removed.

Feeds and calendars are cached until what they show changes; ``connect_feed_cache`` says what that is.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaigns.feeds import caching as feed_caching
from campaigns.models import Channel, ConsentEvent, Subscriber
from page_types.models import GradeBand, MintSubject, Municipality, Topic


@receiver(pre_delete, sender=Subscriber, dispatch_uid="campaigns.anonymise_consent_log")
def anonymise_consent_log(sender, instance: Subscriber, **kwargs) -> None:
    ConsentEvent.objects.filter(subscriber=instance).anonymise()


@receiver(post_delete, sender=Subscriber, dispatch_uid="campaigns.forget_admin_log")
def forget_admin_log(sender, instance: Subscriber, **kwargs) -> None:
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Subscriber), object_id=str(instance.pk)
    ).delete()


def connect_feed_cache() -> None:
    """Start a new feed cache version (``campaigns.feeds.caching``) on every change to what feeds show.

    Publishing, unpublishing (deleting a live page unpublishes it first) and moving pages; privacy; the
    channels' rules and names; the vocabulary that filters and categories name; images and sites, which
    the feeds' links depend on.
    """
    uid = "campaigns.feeds.content_changed"
    for page_signal in (page_published, page_unpublished, post_page_move):
        page_signal.connect(feed_caching.content_changed, dispatch_uid=uid)
    models = (
        Channel,
        Topic,
        Municipality,
        MintSubject,
        GradeBand,
        PageViewRestriction,
        Site,
        get_image_model(),
    )
    for model in models:
        for model_signal in (post_save, post_delete):
            model_signal.connect(feed_caching.content_changed, sender=model, dispatch_uid=uid)
    for relation in ("page_types", "topics", "municipalities", "subjects", "grade_bands"):
        m2m_changed.connect(
            feed_caching.content_changed, sender=getattr(Channel, relation).through, dispatch_uid=uid
        )


connect_feed_cache()

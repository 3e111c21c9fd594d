"""Tell the content API when what it shows has changed, by bumping ``ContentVersion``.

Publishing, unpublishing, moving or deleting a page, a change of privacy, of the vocabulary, of an image,
a document or a site all change API responses. Draft saves bump too (a page row changes then); that only
costs a revalidation, never a stale answer.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    Site,
    get_page_models,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import ContentVersion
from page_types.models import GradeBand, MintOccurrence, MintSubject, Municipality, Organisation, Topic

DISPATCH_UID = "cms.api.content_changed"


def content_changed(**kwargs) -> None:
    ContentVersion.bump()


def watched_models() -> list[type]:
    """The models whose rows appear in (or decide about) API responses."""
    return [
        *get_page_models(),
        MintOccurrence,
        Topic,
        Municipality,
        Organisation,
        MintSubject,
        GradeBand,
        get_image_model(),
        get_document_model(),
        Collection,
        CollectionViewRestriction,
        PageViewRestriction,
        Site,
    ]


def register_signal_handlers() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=DISPATCH_UID)
    for model in watched_models():
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=model, dispatch_uid=DISPATCH_UID)

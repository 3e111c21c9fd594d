"""Advance ``ContentVersion`` whenever something that the site's outlets show changes.

Publishing, unpublishing, moving or deleting a page, a change of privacy, of the vocabulary, of an image, a
document or a site all change what the content API, feeds and calendars answer. Draft saves advance it too
(a page row changes then); that only costs a revalidation, never a stale answer. Other apps add the models
their outlets read with ``watch`` (the campaigns plugin: its channels).

A published page is also indexed for search once more when publishing is done: the backend indexes it on
``post_save``, before its topics, municipalities and subjects are written.
"""

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Site, get_page_models
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from page_types.models import (
    GradeBand,
    Interest,
    Language,
    MintOccurrence,
    MintSubject,
    Municipality,
    Organisation,
    Topic,
)
from page_types.versions import ContentVersion

DISPATCH_UID = "page_types.content_changed"


def content_changed(**kwargs) -> None:
    ContentVersion.bump()


def index_with_relations(instance: Model, **kwargs) -> None:
    """Index a just-published page with the relations that its search fields name."""
    index.insert_or_update_object(instance)


def watch(*models: type[Model]) -> None:
    """Advance the content version on every save and deletion of ``models`` and on changes of their
    many-to-many relations."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=model, dispatch_uid=DISPATCH_UID)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(content_changed, sender=field.remote_field.through, dispatch_uid=DISPATCH_UID)


def watched_models() -> list[type[Model]]:
    """The models of this plugin and of Wagtail whose rows appear in (or decide about) the outlets."""
    return [
        *get_page_models(),
        MintOccurrence,
        Topic,
        Interest,
        Municipality,
        Organisation,
        MintSubject,
        GradeBand,
        Language,
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
    page_published.connect(index_with_relations, dispatch_uid="page_types.index_with_relations")
    watch(*watched_models())

"""Placing demo pages in the tree: a page is identified by its slug below its parent and published once.

Pages are published through a revision, exactly as an editor's "Publish" does, so the demo exercises the
same validation, revision history and signals as real content.
"""

from collections.abc import Callable
from functools import partial

from wagtail.models import Page

from cms.demo.contacts import CONTACTS
from cms.demo.context import DemoContext
from cms.demo.milestones import MILESTONES
from cms.demo.news import NEWS
from cms.demo.offers import OFFERS
from cms.demo.stories import STORIES

# The content families: the key of their index page in ``DemoContext.pages`` and their specifications.
FAMILIES = (
    ("lighthouse", STORIES),
    ("mint", OFFERS),
    ("history", MILESTONES),
    ("news", NEWS),
    ("contacts", CONTACTS),
)


def publish(page: Page) -> Page:
    """Publish ``page`` through a new revision (validated like an editor's publish)."""
    page.save_revision().publish()
    return page


def ensure_child(parent: Page, slug: str, build: Callable[[], Page]) -> tuple[Page, bool]:
    """The child of ``parent`` with ``slug``; if there is none, ``build`` one, add and publish it.

    ``build`` is only called when the page is missing, so a second run draws no images and writes nothing.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = build()
    parent.add_child(instance=page)
    return publish(page), True


def load_content_pages(ctx: DemoContext) -> int:
    """Add the stories, offers, milestones, news and contact points below their index pages; return how many
    were new."""
    created = 0
    for index_key, specs in FAMILIES:
        for spec in specs:
            _page, is_new = ensure_child(ctx.pages[index_key], spec.slug, partial(spec.build, ctx))
            created += is_new
    return created

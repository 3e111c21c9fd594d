"""How the guide learns which newsletters to recommend without knowing the outreach plugin.

Content knows nothing of newsletters; an app that has them registers a function under ``CHANNELS_HOOK``. It
gets the request and the reader's ``GuideChoice`` and returns ``ChannelSuggestion``\\ s with a sign-up link
that already carries the reader's choices.
"""

from dataclasses import dataclass

from django.db.models import Model
from django.http import HttpRequest
from wagtail import hooks

from page_types.taxonomy import Language, Municipality, Topic

CHANNELS_HOOK = "page_types_guide_channels"


@dataclass(frozen=True)
class GuideChoice:
    """What the reader told the guide, and what its answer shows."""

    municipality: Municipality
    language: Language | None
    children: bool
    topics: tuple[Topic, ...]
    # The page models of the answer's content sections: a channel bringing more of them fits.
    page_models: tuple[type[Model], ...]


@dataclass(frozen=True)
class ChannelSuggestion:
    """A newsletter to subscribe to: its name, what it brings, and the prefilled sign-up link."""

    name: str
    description: str
    signup_url: str


def suggested_channels(request: HttpRequest | None, choice: GuideChoice) -> list[ChannelSuggestion]:
    """The suggestions of every registered app (none when no app has newsletters)."""
    return [suggestion for fn in hooks.get_hooks(CHANNELS_HOOK) for suggestion in fn(request, choice)]

"""Personal tokens: placeholders in a variant's HTML and text, filled per recipient.

A variant is rendered once with placeholders (``%%LT_SALUTATION%%`` …) where personal values belong. The
rendered text is split at the placeholders once (``Split``); a recipient's mail is then the literal pieces
joined with their values — microseconds, where a render would take milliseconds.
"""

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from campaigns.models import Channel, Subscriber
from campaigns.page_links import page_path
from campaigns.rendering.content import absolute
from campaigns.tokens import PREFERENCES, UNSUBSCRIBE, make_token, make_tracking_token

SALUTATION = "salutation"
UNSUBSCRIBE_URL = "unsubscribe_url"
PREFERENCES_URL = "preferences_url"
TRACKING_TOKEN = "tracking_token"
SLOTS = (SALUTATION, UNSUBSCRIBE_URL, PREFERENCES_URL, TRACKING_TOKEN)
TOKEN_MARK = "LTTOKEN"

T = TypeVar("T", str, bytes)


def placeholder(slot: str) -> str:
    return f"%%LT_{slot.upper()}%%"


def placeholder_context() -> dict[str, SafeString]:
    """Template context that puts each placeholder where its personal value belongs."""
    return {slot: mark_safe(placeholder(slot)) for slot in SLOTS}


_PATTERN = "%%LT_(" + "|".join(slot.upper() for slot in SLOTS) + ")%%"
_STR_PATTERN = re.compile(_PATTERN)
_BYTES_PATTERN = re.compile(_PATTERN.encode())


@dataclass(frozen=True)
class Split(Generic[T]):
    """A text cut at its placeholders: literal, slot, literal, …, literal."""

    parts: tuple

    @classmethod
    def of(cls, source: T) -> "Split[T]":
        pattern = _BYTES_PATTERN if isinstance(source, bytes) else _STR_PATTERN
        parts = pattern.split(source)
        for index in range(1, len(parts), 2):
            parts[index] = (parts[index].decode() if isinstance(source, bytes) else parts[index]).lower()
        return cls(tuple(parts))

    @property
    def slots(self) -> tuple[str, ...]:
        return self.parts[1::2]

    def fill(self, values: Mapping[str, T]) -> T:
        parts = list(self.parts)
        parts[1::2] = [values[slot] for slot in self.slots]
        return parts[0][:0].join(parts)


@dataclass(frozen=True)
class Personal:
    """A recipient's personal values, unescaped.

    ``tracking_token`` is empty unless the recipient's variant is tracked (then its measured links and
    pixel hold the slot; ``campaigns.rendering.tracking``).
    """

    salutation: str
    unsubscribe_url: str
    preferences_url: str
    tracking_token: str = ""

    def as_text(self) -> dict[str, str]:
        return {
            SALUTATION: self.salutation,
            UNSUBSCRIBE_URL: self.unsubscribe_url,
            PREFERENCES_URL: self.preferences_url,
            TRACKING_TOKEN: self.tracking_token,
        }

    def as_html(self) -> dict[str, str]:
        return {slot: html.escape(value) for slot, value in self.as_text().items()}


@lru_cache(maxsize=8)
def _salutations(language: str) -> tuple[str, str]:
    with translation.override(language):
        return _("Guten Tag %(name)s,"), _("Guten Tag,")


def salutation(name: str, language: str) -> str:
    named, anonymous = _salutations(language)
    return named % {"name": name} if name.strip() else anonymous


class LinkBuilder:
    """Builds a channel's personal links, each in its reader's language (``campaigns.page_links``); the URL
    patterns are reversed once per language, not per recipient."""

    def __init__(self, channel: Channel) -> None:
        self._suffix = f"?channel={channel.slug}"
        self._patterns: dict[tuple[str, str, str], tuple[str, str]] = {}

    def _pattern(self, name: str, language: str, suffix: str) -> tuple[str, str]:
        """The link of page ``name`` in ``language`` before and after the token."""
        key = (name, language, suffix)
        if key not in self._patterns:
            before, after = absolute(page_path(name, language, token=TOKEN_MARK)).split(TOKEN_MARK)
            self._patterns[key] = (before, after + suffix)
        return self._patterns[key]

    def unsubscribe_url(self, subscriber: Subscriber) -> str:
        before, after = self._pattern("newsletter:unsubscribe", subscriber.language, self._suffix)
        return f"{before}{make_token(subscriber, UNSUBSCRIBE)}{after}"

    def personal(
        self, subscriber: Subscriber, unsubscribe_url: str, tracked_campaign_id: int | None = None
    ) -> Personal:
        """The recipient's values; a measurement token only for a tracked variant's campaign."""
        before, after = self._pattern("newsletter:preferences", subscriber.language, "")
        return Personal(
            salutation=salutation(subscriber.name, subscriber.language),
            unsubscribe_url=unsubscribe_url,
            preferences_url=f"{before}{make_token(subscriber, PREFERENCES)}{after}",
            tracking_token=(
                make_tracking_token(subscriber, tracked_campaign_id) if tracked_campaign_id else ""
            ),
        )


def sample_personal(language: str) -> Personal:
    """Values for previews and test mails, which have no subscriber: links lead to the sign-up page."""
    signup = absolute(page_path("newsletter:signup", language))
    return Personal(salutation("", language), signup, signup)

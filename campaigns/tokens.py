"""Signed tokens for the links in mails: confirm (the person, a parent), preferences, unsubscribe, erase
(the person's own request to delete all their data), measured links.

A token names the subscriber and the purpose and carries the subscriber's ``token_key``; it is signed with
the project's secret so it cannot be forged, and rotating ``token_key`` (when the person leaves every channel)
or deleting the subscriber (erasure) revokes every token issued before — except a measured link's, which
changes nothing about the person and must keep leading to its page from old mails. Every token but that one
ends: a confirmation after 7 days, a preference link after ``CAMPAIGNS_PREFERENCE_LINK_DAYS`` (30) — the page
then mails a fresh one to the subscriber —, an erase link (asked for from the preference centre) as a
preference link does, and an unsubscribe link after ``CAMPAIGNS_UNSUBSCRIBE_LINK_DAYS``
(at least 60, as mail providers expect of the one-click link). A confirmation token also names the sign-up
request it confirms; a measurement token the campaign an open or click is counted for.
"""

from datetime import timedelta

from django.core import signing

from campaigns import app_settings
from campaigns.models import Subscriber

SALT = "leuchtturm.campaigns.tokens"
CONFIRM = "confirm"
GUARDIAN = "guardian"
PREFERENCES = "preferences"
UNSUBSCRIBE = "unsubscribe"
ERASE = "erase"
TRACKING = "tracking"
PURPOSES = (CONFIRM, GUARDIAN, PREFERENCES, UNSUBSCRIBE, ERASE, TRACKING)
# Purposes whose page offers a fresh link by mail once the token is too old.
RENEWABLE = (PREFERENCES, UNSUBSCRIBE)
CONFIRMATION_MAX_AGE = timedelta(days=7)


class InvalidToken(Exception):
    """The token is malformed, tampered with, expired, revoked or meant for another purpose."""


class RevokedToken(InvalidToken):
    """The token was genuine, but its subscriber left every channel since (or was erased)."""


class ExpiredToken(InvalidToken):
    """The token is genuine but older than its purpose allows; ``subscriber`` is whom it names."""

    def __init__(self, message: str, subscriber: Subscriber) -> None:
        super().__init__(message)
        self.subscriber = subscriber


def max_age(purpose: str) -> timedelta | None:
    """How long a token for ``purpose`` works (``None``: as long as its key)."""
    return {
        CONFIRM: CONFIRMATION_MAX_AGE,
        GUARDIAN: CONFIRMATION_MAX_AGE,
        PREFERENCES: app_settings.preference_link_days(),
        ERASE: app_settings.preference_link_days(),
        UNSUBSCRIBE: app_settings.unsubscribe_link_days(),
    }.get(purpose)


def make_token(subscriber: Subscriber, purpose: str, *extra: int) -> str:
    """Return a URL-safe signed token for ``subscriber`` and ``purpose`` (and the ids it must name)."""
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return signing.dumps([subscriber.pk, subscriber.token_key, purpose, *extra], salt=SALT, compress=True)


def make_tracking_token(subscriber: Subscriber, campaign_id: int) -> str:
    """Return the signed token of ``subscriber``'s measured links and open pixel in one campaign."""
    return make_token(subscriber, TRACKING, campaign_id)


def _load(token: str, purpose: str, extra: int, *, any_age: bool = False) -> tuple[Subscriber, list]:
    """The subscriber a valid token for ``purpose`` names, and the ``extra`` ids signed after it."""
    try:
        pk, key, token_purpose, *rest = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken(str(error)) from error
    if token_purpose != purpose or len(rest) != extra or not all(isinstance(value, int) for value in rest):
        raise InvalidToken("wrong purpose")
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or (purpose != TRACKING and subscriber.token_key != key):
        raise RevokedToken("unknown or revoked")
    age = max_age(purpose)
    if age is not None and not any_age:
        try:
            signing.loads(token, salt=SALT, max_age=age)
        except signing.SignatureExpired as error:
            raise ExpiredToken(str(error), subscriber) from error
    return subscriber, rest


def read_token(token: str, purpose: str) -> Subscriber:
    """Return the subscriber a valid token names, or raise ``InvalidToken``."""
    subscriber, _rest = _load(token, purpose, extra=0)
    return subscriber


def read_request_token(token: str, purpose: str) -> tuple[Subscriber, int]:
    """The subscriber and the sign-up request a valid confirmation token (``CONFIRM``, ``GUARDIAN``) names."""
    subscriber, (request_id,) = _load(token, purpose, extra=1)
    return subscriber, request_id


def read_renewable_token(token: str, purpose: str) -> Subscriber:
    """The subscriber a genuine, unrevoked preference or unsubscribe token names, however old: whom a
    fresh link may be mailed to (to their own address only)."""
    if purpose not in RENEWABLE:
        raise InvalidToken("not renewable")
    subscriber, _rest = _load(token, purpose, extra=0, any_age=True)
    return subscriber


def read_tracking_token(token: str) -> tuple[Subscriber, int]:
    """The subscriber and the campaign id a valid measurement token names; else ``InvalidToken``."""
    subscriber, (campaign_id,) = _load(token, TRACKING, extra=1)
    return subscriber, campaign_id

"""Signed tokens for the links in mails: confirm, preferences, unsubscribe, and measured links.

A token names the subscriber and the purpose and carries the subscriber's ``token_key``; it is signed with
the project's secret so it cannot be forged, and rotating ``token_key`` (e.g. on erasure) revokes every
token issued before. Confirmation tokens expire; preference and unsubscribe tokens must keep working from
old mails, so they do not. A measurement token also names the campaign, so that an open or click is counted
for the campaign the mail belongs to.
"""

from datetime import timedelta

from django.core import signing

from campaigns.models import Subscriber

SALT = "leuchtturm.campaigns.tokens"
CONFIRM = "confirm"
PREFERENCES = "preferences"
UNSUBSCRIBE = "unsubscribe"
TRACKING = "tracking"
PURPOSES = (CONFIRM, PREFERENCES, UNSUBSCRIBE)
CONFIRMATION_MAX_AGE = timedelta(days=7)


class InvalidToken(Exception):
    """The token is malformed, tampered with, expired, revoked or meant for another purpose."""


class ExpiredToken(InvalidToken):
    """The token was valid but is older than its purpose allows (pages offer a new sign-up instead)."""


def make_token(subscriber: Subscriber, purpose: str) -> str:
    """Return a URL-safe signed token for ``subscriber`` and ``purpose``."""
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return signing.dumps([subscriber.pk, subscriber.token_key, purpose], salt=SALT, compress=True)


def make_tracking_token(subscriber: Subscriber, campaign_id: int) -> str:
    """Return the signed token of ``subscriber``'s measured links and open pixel in one campaign."""
    return signing.dumps(
        [subscriber.pk, subscriber.token_key, TRACKING, campaign_id], salt=SALT, compress=True
    )


def _load(token: str, purpose: str, extra: int) -> tuple[Subscriber, list]:
    """The subscriber a valid token for ``purpose`` names, and the ``extra`` values signed after it."""
    max_age = CONFIRMATION_MAX_AGE if purpose == CONFIRM else None
    try:
        pk, key, token_purpose, *rest = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken(str(error)) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken(str(error)) from error
    if token_purpose != purpose or len(rest) != extra:
        raise InvalidToken("wrong purpose")
    subscriber = Subscriber.objects.filter(pk=pk, token_key=key).first()
    if subscriber is None:
        raise InvalidToken("unknown or revoked")
    return subscriber, rest


def read_token(token: str, purpose: str) -> Subscriber:
    """Return the subscriber a valid token names, or raise ``InvalidToken``."""
    subscriber, _rest = _load(token, purpose, extra=0)
    return subscriber


def read_tracking_token(token: str) -> tuple[Subscriber, int]:
    """The subscriber and the campaign id a valid measurement token names; else ``InvalidToken``."""
    subscriber, (campaign_id,) = _load(token, TRACKING, extra=1)
    if not isinstance(campaign_id, int):
        raise InvalidToken("malformed campaign")
    return subscriber, campaign_id

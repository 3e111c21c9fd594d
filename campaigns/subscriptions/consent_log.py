"""Writing the consent log: one helper so every flow records events the same way."""

from collections.abc import Sequence

from campaigns.addresses import email_hash
from campaigns.models import Channel, ConsentEvent, ConsentText, SignupRequest, Subscriber

DETAIL_MAX_LENGTH = 300


def record(
    subscriber: Subscriber,
    event: str,
    *,
    source: str,
    channel: Channel | None = None,
    consent_text: ConsentText | None = None,
    legal_basis: str = "",
    ip_address: str | None = None,
    detail: str = "",
    signup_request: SignupRequest | None = None,
    confirms: ConsentEvent | None = None,
    chosen: Sequence[Channel] = (),
) -> ConsentEvent:
    """Append one event for ``subscriber``.

    The client address is what a double opt-in proof needs for requests and confirmations; callers pass
    it only there. A request's events name it (``signup_request``); a confirmation names the request event
    it confirms (``confirms``) and repeats its wording. With a ``consent_text``, the event keeps the wording
    that names the ``chosen`` channels (by default its own channel).
    """
    wording = ""
    if confirms is not None:
        wording = confirms.wording
    elif consent_text is not None:
        wording = consent_text.wording_for([c.reader_name for c in chosen or ([channel] if channel else [])])
    return ConsentEvent.objects.create(
        subscriber=subscriber,
        email_hash=email_hash(subscriber.email),
        event=event,
        channel=channel,
        source=source,
        consent_text=consent_text,
        wording=wording,
        legal_basis=legal_basis[:DETAIL_MAX_LENGTH],
        ip_address=ip_address,
        detail=detail[:DETAIL_MAX_LENGTH],
        signup_request=signup_request,
        confirms=confirms,
    )

"""The list headers every newsletter message carries (RFC 2369, RFC 2919, RFC 8058)."""

import uuid
from email.header import Header
from email.utils import formataddr
from urllib.parse import quote

from campaigns import app_settings
from campaigns.models import Channel

ONE_CLICK = "List-Unsubscribe=One-Click"


def list_id(channel: Channel) -> str:
    """``List-Id``: the channel's name as phrase (RFC 2047-encoded when needed) and a stable list address."""
    name = channel.name.replace('"', "'")
    phrase = f'"{name}"' if name.isascii() else Header(name, "utf-8").encode()
    return f"{phrase} <{channel.slug}.list.{app_settings.sender_domain()}>"


def list_unsubscribe(unsubscribe_url: str, channel: Channel) -> str:
    """``List-Unsubscribe``: the one-click HTTPS URL first, then the mailbox (RFC 2369, RFC 8058).

    A request to the mailbox is identified by its sender address; the subject names the channel.
    """
    mailto = f"mailto:{app_settings.unsubscribe_mailto()}?subject={quote('Abmelden ' + channel.slug)}"
    return f"<{unsubscribe_url}>, <{mailto}>"


def message_id(delivery_id: int | str) -> str:
    """A globally unique ``Message-ID`` that also names the delivery it belongs to."""
    return f"<{uuid.uuid4().hex}.{delivery_id}@{app_settings.sender_domain()}>"


def recipient(address: str, name: str) -> str:
    """The ``To`` value: the name (encoded when not ASCII) and the address.

    Subscribers type their own names; line breaks in one are folded into spaces, since Django refuses a
    header with a line break and one such name would otherwise fail the whole batch it is in.
    """
    name = " ".join(name.split())
    return formataddr((name, address), "utf-8") if name else address


def static_headers(channel: Channel, language: str) -> dict[str, str]:
    """The headers that are the same for every recipient of a variant."""
    return {
        "List-Id": list_id(channel),
        "List-Unsubscribe-Post": ONE_CLICK,
        "Precedence": "bulk",
        "Content-Language": language,
    }

"""The list headers every newsletter message carries (RFC 2369, RFC 2919, RFC 8058).

``ListHeaders`` computes what is the same for all of a channel's messages once, so that a worker spends
per message only what is personal (the unsubscribe URL, the ``Message-ID``).
"""

import uuid
from email.header import Header
from email.utils import formataddr, parseaddr
from urllib.parse import quote

from campaigns import app_settings
from campaigns.models import Channel

ONE_CLICK = "List-Unsubscribe=One-Click"


class ListHeaders:
    """Header values of one channel's messages."""

    def __init__(self, channel: Channel) -> None:
        self.domain = app_settings.sender_domain()
        self.envelope_sender = parseaddr(app_settings.from_email())[1]
        # A request to the mailbox is identified by its sender address; the subject names the channel.
        self.mailto = (
            f"mailto:{app_settings.unsubscribe_mailto()}?subject={quote('Abmelden ' + channel.slug)}"
        )
        name = channel.name.replace('"', "'")
        phrase = f'"{name}"' if name.isascii() else Header(name, "utf-8").encode()
        self.list_id = f"{phrase} <{channel.slug}.list.{self.domain}>"

    def static(self) -> dict[str, str]:
        """The headers that are the same for every recipient."""
        return {
            "List-Id": self.list_id,
            "List-Unsubscribe-Post": ONE_CLICK,
            "Precedence": "bulk",
            "Content-Language": app_settings.content_language(),
        }

    def list_unsubscribe(self, unsubscribe_url: str) -> str:
        """The one-click HTTPS URL first, then the mailbox."""
        return f"<{unsubscribe_url}>, <{self.mailto}>"

    def message_id(self, reference: str = "") -> str:
        """A ``Message-ID`` from a unique reference (a delivery and its lease token), or a random one."""
        return f"<{reference or uuid.uuid4().hex}@{self.domain}>"


def recipient(address: str, name: str) -> str:
    """The ``To`` value: the name (encoded when not ASCII) and the address.

    Line breaks and other whitespace runs in the name become single spaces: the value is written into
    pre-built message bytes, where a CR/LF would start a header of its own.
    """
    name = " ".join(name.split())
    return formataddr((name, address), "utf-8") if name else address

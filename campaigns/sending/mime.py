"""Each variant's MIME message built once; a recipient's message is that message with their values in it.

Serialising a message with Django or the standard library costs milliseconds; a newsletter worker sends
thousands per second. So the variant's complete message — headers, a text part and an HTML part, both
quoted-printable — is built once with *slots* for the personal values; per recipient the slots are filled
with their encoded values. Quoted-printable allows a soft line break anywhere, so each static piece and
each value is encoded on its own and joined with soft breaks: the result decodes to exactly the rendered
text with the values in it, and no line grows past the limit whatever a value's length.

``PersonalMessage`` is an ordinary Django ``EmailMultiAlternatives`` (subject, body, HTML alternative,
headers — what django-anymail's ESP backends read), whose ``message()`` returns the pre-built bytes to the
backends that serialise (SMTP, file, console).
"""

import binascii
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage as StdlibMessage
from email.policy import SMTP

from django.core.mail import EmailMultiAlternatives

from campaigns.mail_date import mail_date
from campaigns.rendering.personalise import SLOTS, TRACKING_TOKEN, Personal, Split

CRLF = b"\r\n"
SOFT_BREAK = b"=\r\n"
PER_MESSAGE_HEADERS = ("To", "Date", "Message-ID", "List-Unsubscribe")


def quoted_printable(text: str) -> bytes:
    """UTF-8 quoted-printable with CRLF line ends and lines of at most 76 characters."""
    encoded = binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8"), istext=True)
    return encoded.replace(b"\n", CRLF)


_date = {"second": -1, "value": b""}


def _date_header() -> bytes:
    """The ``Date`` value (``campaigns.mail_date``), formatted once per second, not once per message."""
    second = int(time.time())
    if _date["second"] != second:
        _date.update(second=second, value=mail_date(datetime.fromtimestamp(second, tz=UTC)).encode())
    return _date["value"]


class RawMessage:
    """What Django's serialising backends need of ``message()``: the bytes, and no charset to recode."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n", **kwargs) -> bytes:
        return self.data if linesep == "\r\n" else self.data.replace(CRLF, linesep.encode())

    def as_string(self, unixfrom: bool = False, linesep: str = "\n", **kwargs) -> str:
        return self.as_bytes(linesep=linesep).decode("ascii")

    def get_charset(self) -> None:
        return None


class PersonalMessage(EmailMultiAlternatives):
    """A recipient's message; ``message()`` hands out the pre-built bytes instead of serialising."""

    def __init__(self, raw: bytes, **kwargs) -> None:
        super().__init__(**kwargs)
        self.raw = raw

    def message(self, *args, **kwargs) -> RawMessage:  # type: ignore[override]
        return RawMessage(self.raw)


class _Builder:
    """Collects literal bytes and slot names into a ``Split``."""

    def __init__(self) -> None:
        self.parts: list = [b""]

    def literal(self, data: bytes) -> None:
        self.parts[-1] += data

    def slot(self, name: str) -> None:
        self.parts += [name, b""]

    def body(self, split: Split[str], kind: str) -> None:
        """A quoted-printable body whose personal values go into slots named ``kind:slot``."""
        for index, part in enumerate(split.parts):
            if index % 2:
                self.literal(SOFT_BREAK)
                self.slot(f"{kind}:{part}")
                self.literal(SOFT_BREAK)
            else:
                self.literal(quoted_printable(part))

    def build(self) -> Split[bytes]:
        return Split(tuple(self.parts))


@dataclass(frozen=True)
class VariantMail:
    """A variant ready to be personalised: its texts cut at the placeholders, and its MIME message."""

    subject: str
    from_email: str
    headers: Mapping[str, str]
    html: Split[str]
    text: Split[str]
    raw: Split[bytes]

    @classmethod
    def build(
        cls, *, subject: str, from_email: str, headers: Mapping[str, str], html: str, text: str
    ) -> "VariantMail":
        html_split, text_split = Split.of(html), Split.of(text)
        boundary = f"=_lt_{uuid.uuid4().hex}"
        head = StdlibMessage(policy=SMTP)
        head["From"] = from_email
        head["Subject"] = subject
        head["MIME-Version"] = "1.0"
        for name, value in headers.items():
            head[name] = value
        head["Content-Type"] = f'multipart/alternative; boundary="{boundary}"'
        builder = _Builder()
        for name in PER_MESSAGE_HEADERS:
            builder.literal(f"{name}: ".encode())
            builder.slot(name)
            builder.literal(CRLF)
        builder.literal(b"".join(SMTP.fold_binary(name, value) for name, value in head.items()) + CRLF)
        for subtype, split in (("plain", text_split), ("html", html_split)):
            builder.literal(
                f'--{boundary}\r\nContent-Type: text/{subtype}; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n".encode()
            )
            builder.body(split, subtype)
            builder.literal(CRLF)
        builder.literal(f"--{boundary}--\r\n".encode())
        return cls(subject, from_email, dict(headers), html_split, text_split, builder.build())

    @property
    def tracked(self) -> bool:
        """Whether the HTML holds measured links or the open pixel (their token slot)."""
        return TRACKING_TOKEN in self.html.slots

    def message(
        self, *, to: str, message_id: str, list_unsubscribe: str, personal: Personal
    ) -> PersonalMessage:
        """The recipient's message; ``to`` is the formatted ``To`` value (ASCII)."""
        text_values, html_values = personal.as_text(), personal.as_html()
        raw_values = {
            "To": to.encode(),
            "Date": _date_header(),
            "Message-ID": message_id.encode(),
            "List-Unsubscribe": list_unsubscribe.encode(),
        }
        for slot in SLOTS:
            raw_values[f"plain:{slot}"] = quoted_printable(text_values[slot])
            raw_values[f"html:{slot}"] = quoted_printable(html_values[slot])
        html = self.html.fill(html_values)
        return PersonalMessage(
            self.raw.fill(raw_values),
            subject=self.subject,
            body=self.text.fill(text_values),
            from_email=self.from_email,
            to=[to],
            headers={**self.headers, "Message-ID": message_id, "List-Unsubscribe": list_unsubscribe},
            alternatives=[(html, "text/html")],
        )

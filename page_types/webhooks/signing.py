"""Signatures of the Standard Webhooks specification: HMAC-SHA256 over ``id.timestamp.body``.

The secret is ``whsec_`` followed by the key in base64; the signature header lists ``v1,<base64 digest>``.
"""

import base64
import hashlib
import hmac

from page_types.models.webhooks import SECRET_PREFIX


def signature(secret: str, message_id: str, timestamp: int, body: str) -> str:
    """The ``webhook-signature`` header value of one message."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    content = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(key, content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret: str, message_id: str, timestamp: int, body: str) -> dict[str, str]:
    """The headers of one attempt: its id, its time and its signature."""
    return {
        "Content-Type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }

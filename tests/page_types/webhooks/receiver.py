"""A webhook receiver on loopback (with its fixtures) and the Standard Webhooks check, written from the spec.

``verify`` is deliberately independent of ``page_types.webhooks.signing``: it parses the headers, decodes the
secret and checks the signature and the timestamp tolerance as the specification's receiver does.
"""

import base64
import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_q.conf import Conf

TOLERANCE_SECONDS = 5 * 60


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def payload(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers every POST with ``status`` and keeps what it received."""

    status: int = 204
    received: list[Received] = field(default_factory=list)

    def start(self) -> "Receiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                headers = {name.lower(): value for name, value in self.headers.items()}
                receiver.received.append(Received(headers, self.rfile.read(length)))
                self.send_response(receiver.status)
                if receiver.status in (301, 302, 307, 308):
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"


def verify(secret: str, headers: dict[str, str], body: bytes, now: float | None = None) -> dict:
    """The payload if the message is authentic and fresh, else ``ValueError`` (the specification's check)."""
    message_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    if abs((now or time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("timestamp outside the tolerance")
    if not secret.startswith("whsec_"):
        raise ValueError("not a Standard Webhooks secret")
    key = base64.b64decode(secret[len("whsec_") :])
    signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in headers["webhook-signature"].split(" "):
        version, _comma, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(body)
    raise ValueError("no valid signature")


@pytest.fixture
def receiver():
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def worker(monkeypatch):
    """The task queue runs each task at once, as a worker would (django-q2's synchronous mode)."""
    monkeypatch.setattr(Conf, "SYNC", True)

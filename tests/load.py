"""A bounded load generator for the JSON sign-up API: many concurrent clients, each request on loopback.

Shared by the load test (which asserts outcomes) and ``bench/signup_load.py`` (which reports throughput and
latency), so both exercise exactly the same traffic.
"""

import http.client
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    email: str
    status: int
    seconds: float


def signup_payload(email: str, channel: str, consent_version: str) -> dict:
    return {"email": email, "channels": [channel], "consent": True, "consent_version": consent_version}


def client_address(index: int) -> str:
    """A distinct client per request, as a reverse proxy would report it (IPv6 documentation prefix, one /64
    each, so the per-network rate limit sees different clients)."""
    return f"2001:db8:{index // 65536:x}:{index % 65536:x}::1"


def timed_request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict | None = None,
    timeout: float = 120,
) -> tuple[int, float]:
    """One request over a fresh connection: its status (0 for a connection failure) and its seconds."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


def post_signup(port: int, email: str, payload: dict, index: int, timeout: float = 120) -> Outcome:
    """One sign-up, from its own client address."""
    headers = {"Content-Type": "application/json", "X-Forwarded-For": client_address(index)}
    status, seconds = timed_request(
        port, "POST", "/api/v1/subscriptions", json.dumps(payload).encode(), headers, timeout
    )
    return Outcome(email, status, seconds)


def run_signups(
    port: int, emails: list[str], channel: str, consent_version: str, clients: int
) -> list[Outcome]:
    """Post one sign-up per entry of ``emails`` (repeats allowed) from ``clients`` concurrent clients."""
    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [
            pool.submit(post_signup, port, email, signup_payload(email, channel, consent_version), index)
            for index, email in enumerate(emails)
        ]
        return [future.result() for future in futures]

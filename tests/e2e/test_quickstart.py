"""The front-end quickstart of docs/API.md, run as it stands: each ```js block after a
``<!-- quickstart:<name> -->`` marker runs with Node.js against the demo site, and what it prints is compared
with what the API answers — so the samples a front-end team copies cannot silently rot.

The webhook receiver gets a real delivery: the site's task queue posts it when an offer is published.
"""

import base64
import json
import os
import queue
import re
import secrets
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from page_types.webhooks.signing import signed_headers
from tests.e2e.live_site import LiveSite
from tests.smtp_sink import free_port

pytestmark = pytest.mark.needs_node

DOCS = Path(__file__).resolve().parents[2] / "docs" / "API.md"
SAMPLE = re.compile(r"<!-- quickstart:(?P<name>[a-z]+) -->\n```js\n(?P<code>.*?)\n```", re.DOTALL)
TOWN = "asperg"
DELIVERY_TIMEOUT_SECONDS = 90
OFFER_TITLE = "Quickstart-Werkstatt"


def samples() -> dict[str, str]:
    """The quickstart's JavaScript blocks by marker name."""
    return {match["name"]: match["code"] for match in SAMPLE.finditer(DOCS.read_text(encoding="utf-8"))}


def sample_file(name: str, directory: Path) -> Path:
    script = directory / f"{name}.mjs"
    script.write_text(samples()[name], encoding="utf-8")
    return script


def node_env(site: LiveSite, **variables: str) -> dict[str, str]:
    return {"PATH": os.environ["PATH"], "LEUCHTTURM_URL": site.url, **variables}


def run_sample(name: str, site: LiveSite, directory: Path, *arguments: str) -> list[str]:
    """Run a sample to its end; return the lines it printed."""
    completed = subprocess.run(
        [shutil.which("node"), str(sample_file(name, directory)), *arguments],
        env=node_env(site),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.splitlines()


def api(site: LiveSite, path: str) -> dict:
    with urllib.request.urlopen(site.url + path, timeout=60) as response:
        return json.load(response)


def offers_near_town(site: LiveSite) -> list[dict]:
    """What the API lists for the town and its neighbours, asked for in Python."""
    nearby = api(site, f"/api/v2/vocabulary/municipalities/?near={TOWN}&radius=10")["items"]
    towns = ",".join([TOWN, *(term["slug"] for term in nearby)])
    return api(
        site,
        f"/api/v2/pages/?type=page_types.MintOfferPage&municipality={towns}&upcoming=true"
        "&order=next_occurrence&fields=title,next_occurrence,municipalities&limit=50",
    )["items"]


def test_the_docs_have_the_four_samples():
    assert set(samples()) == {"offers", "detail", "webhook", "signup"}


def test_the_offers_near_a_town_are_those_the_api_lists_for_it(site, tmp_path):
    printed = [line.split("\t") for line in run_sample("offers", site, tmp_path, TOWN)]
    offers = offers_near_town(site)
    assert offers, "the demo has offers in or around Asperg"
    assert printed == [
        [str(offer["id"]), (offer["next_occurrence"] or {}).get("start", "laufend"), offer["title"]]
        for offer in offers
    ]
    everywhere = api(site, "/api/v2/pages/?type=page_types.MintOfferPage&upcoming=true&limit=50")
    assert len(printed) < everywhere["meta"]["total_count"], "the town's offers are a narrower list"


def test_the_detail_sample_prints_an_offers_title_and_next_date(site, tmp_path):
    offer = next(offer for offer in offers_near_town(site) if offer["next_occurrence"])
    path = urlsplit(offer["meta"]["html_url"]).path
    title, next_date = run_sample("detail", site, tmp_path, path)
    assert title == offer["title"]
    assert next_date.startswith("Nächster Termin: ")
    assert next_date.endswith(f"({offer['next_occurrence']['start']})")


@pytest.fixture
def receiver(site, tmp_path) -> Iterator[tuple[int, str, queue.Queue]]:
    """The webhook sample listening on a free port with a fresh secret; its printed lines in a queue."""
    port = free_port()
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    process = subprocess.Popen(
        [shutil.which("node"), str(sample_file("webhook", tmp_path))],
        env=node_env(site, PORT=str(port), WEBHOOK_SECRET=secret),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line.rstrip("\n")) for line in process.stdout], daemon=True
    ).start()
    try:
        assert next_line(lines, 30) == f"listening on {port}"
        yield port, secret, lines
    finally:
        process.terminate()
        process.wait(timeout=10)


def next_line(lines: queue.Queue, timeout: float) -> str:
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        raise AssertionError(f"the receiver printed nothing within {timeout} s") from None


def post(port: int, body: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/", body.encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_webhook_sample_accepts_the_sites_delivery_and_rejects_a_tampered_one(site, receiver):
    port, secret, lines = receiver
    endpoint = site.query(
        f"""
from page_types.models.webhooks import WebhookEndpoint
result = WebhookEndpoint.objects.create(
    name="Quickstart", url="http://127.0.0.1:{port}/", secret={secret!r}, events=["page.published"]
).pk
"""
    )
    try:
        offer = site.publish_offer(OFFER_TITLE, municipalities=[TOWN])
        deadline = time.monotonic() + DELIVERY_TIMEOUT_SECONDS
        line = next_line(lines, DELIVERY_TIMEOUT_SECONDS)
        while f"page:{offer}," not in line and time.monotonic() < deadline:
            line = next_line(lines, deadline - time.monotonic())
        assert line.startswith("page.published tags=pages,"), line
        assert f",page:{offer}," in line and f"municipality:{TOWN}" in line
        assert "paths=/mint/quickstart-werkstatt/,/mint/" in line
    finally:  # the journeys that share the site see neither the endpoint nor the offer
        site.query(
            f"""
from page_types.models import MintOfferPage
from page_types.models.webhooks import WebhookEndpoint
WebhookEndpoint.objects.filter(pk={endpoint}).update(active=False)
for offer in MintOfferPage.objects.live().filter(title={OFFER_TITLE!r}):
    offer.unpublish()
result = True
"""
        )

    body = json.dumps(
        {"type": "page.published", "timestamp": "2026-12-08T10:00:00+01:00", "data": {"tags": []}}
    )
    headers = signed_headers(secret, "msg_quickstart", int(time.time()), body)
    assert post(port, body.replace("[]", '["pages"]'), headers) == 401
    assert next_line(lines, 10) == "rejected msg_quickstart"
    assert post(port, body, headers) == 204
    assert next_line(lines, 10) == "page.published tags= paths="


def test_the_signup_sample_is_accepted_and_stored(site, tmp_path):
    address = f"quickstart-{uuid.uuid4().hex[:8]}@example.org"
    status, *_rest = run_sample("signup", site, tmp_path, address)
    assert status.startswith("202 Vielen Dank!")
    stored = site.query(
        "from campaigns.models import SignupRequest\n"
        f"result = SignupRequest.objects.filter(email={address!r}).count()"
    )
    assert stored == 1

    status, *errors = run_sample("signup", site, tmp_path, "lena")
    assert status.startswith("422 ")
    assert errors[0].startswith("email: ")

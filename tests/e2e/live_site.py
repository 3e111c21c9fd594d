"""The site the browser tests drive: Leuchtturm in child processes with the demo content and a real SMTP sink.

One gunicorn and one ``qcluster`` serve a database of their own (a SQLite file in a temporary directory, or
a fresh PostgreSQL database and a Redis namespace when the suite runs on PostgreSQL), prepared as an
operator prepares the demo: ``migrate``, ``load_demo`` and user accounts from the shell. Mail leaves through
Django's SMTP backend to an aiosmtpd server on loopback, so the tests read what a person would find in their
inbox.

``DEBUG`` is on, as in ``make run``: with ``DEBUG`` off Django does not serve uploaded media (production
leaves ``/media/`` to the proxy or a bucket, docs/OPERATIONS.md), and the journeys need the images.
tests/deploy/test_wheel.py runs the same site from an installed release, with ``DEBUG`` off and without demo
content.
"""

import contextlib
import re
import shutil
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests import services
from tests.django_shell import DjangoShell
from tests.processes import (
    CHECKOUT,
    Installation,
    manage,
    production_env,
    start_gunicorn,
    start_qcluster,
    stop_process_group,
)
from tests.smtp_sink import ReceivedMessage, SmtpSink, free_port

# Accounts created in the site's database; the password is for these throw-away test sites only.
PASSWORD = "E2e-Leuchtturm-2025!"
EDITOR = "redaktion"
CAMPAIGN_MANAGER = "kampagnen"
CAMPAIGN_GROUP = "Kampagnen"
EDITORIAL_LEAD = "leitung"
EDITORIAL_LEAD_GROUP = "Redaktionsleitung"

MAIL_TIMEOUT_SECONDS = 90
LINK = re.compile(r"https?://[^\s<>\"']+")


@dataclass
class LiveSite:
    """A running site: its base URL, its environment and installation (for shell commands), the mail it
    sent, and a Django shell on its database."""

    url: str
    env: dict[str, str]
    sink: SmtpSink
    logs: Path
    installation: Installation = CHECKOUT
    processes: list = field(default_factory=list)
    shell: DjangoShell = field(init=False)

    def __post_init__(self) -> None:
        self.shell = DjangoShell(self.env, self.logs / "shell.log", self.installation)

    def manage(self, *arguments: str, timeout: float = 300) -> str:
        """Run a management command against the site's database; return its output, fail with its errors."""
        completed = manage(*arguments, env=self.env, timeout=timeout, installation=self.installation)
        assert completed.returncode == 0, f"manage.py {' '.join(arguments)}:\n{completed.stderr}"
        return completed.stdout

    def query(self, code: str, timeout: float = 120):
        """Run Python ``code`` (binding ``result``) in the site's Django shell; return ``result``."""
        return self.shell.run(code, timeout)

    def publish_offer(self, title: str, **facets) -> int:
        """Publish a MINT offer with a date in two weeks (``tests.factories.make_offer``); return its id."""
        return self.query(
            f"""
from page_types.models import MintIndexPage
from page_types.translations import default_language
from tests.factories import make_offer
index = MintIndexPage.objects.get(locale__language_code=default_language())  # the German original
result = make_offer(index, {title!r}, **{facets!r}).pk
"""
        )

    def sign_up(self, address: str, channel: str, **facets) -> None:
        """A confirmed sign-up for ``channel`` with ``facets`` (as slugs, ``Facets.as_slugs``): the request
        the form stores with the current consent text, the worker's registration and the click on the
        confirmation link (``campaigns.subscriptions.signup``), so the consent log holds all of it."""
        activated = self.query(
            f"""
from campaigns.models import Channel, ConsentEvent, ConsentText, SignupRequest
from campaigns.subscriptions.signup import confirm, register
request = SignupRequest.objects.create(
    email={address!r}, channel_ids=[Channel.objects.get(slug={channel!r}).pk], facets={facets!r},
    consent_text=ConsentText.objects.current(), source=ConsentEvent.Source.FORM,
)
register(request.pk)
request.refresh_from_db()
result = [c.slug for c in confirm(request.subscriber, request.pk, source=ConsentEvent.Source.FORM).activated]
"""
        )
        assert activated == [channel], activated

    def wait_for_mail(
        self,
        address: str,
        matches: Callable[[ReceivedMessage], bool] = lambda message: True,
        timeout: float = MAIL_TIMEOUT_SECONDS,
    ) -> ReceivedMessage:
        """The first message to ``address`` that ``matches``, waiting for the site's workers to send it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.sink.handler.to(address):
                if matches(message):
                    return message
            time.sleep(0.25)
        received = [m.message["Subject"] for m in self.sink.handler.to(address)]
        raise AssertionError(f"no matching mail to {address} within {timeout} s (received: {received})")

    def log_tail(self, lines: int = 60) -> str:
        """The end of the web and worker logs, for failure messages."""
        return "\n".join(
            "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
            for log in sorted(self.logs.glob("*.log"))
        )


def text_of(message: ReceivedMessage) -> str:
    """The plain-text part of a received mail."""
    part = message.message.get_body(preferencelist=("plain",))
    assert part is not None, f"no text/plain part in {message.message['Subject']!r}"
    return part.get_content()


def links_in(message: ReceivedMessage, path_prefix: str) -> list[str]:
    """The links in a mail's text whose path starts with ``path_prefix`` (e.g. ``/newsletter/confirm/``)."""
    return [
        link for link in LINK.findall(text_of(message)) if re.match(rf"https?://[^/]+{path_prefix}", link)
    ]


def prepare_demo(site: LiveSite) -> None:
    """Schema, demo content and the staff accounts: an editor (superuser), a campaign manager who has
    nothing but the "Kampagnen" group's rights, and an editorial lead who approves issues (the group
    "Redaktionsleitung" of the workflow "Freigabe")."""
    site.manage("migrate", "--noinput")
    site.manage("load_demo")
    site.query(
        f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
users = get_user_model().objects
users.create_superuser({EDITOR!r}, "redaktion@example.org", {PASSWORD!r}, first_name="Rita")
manager = users.create_user({CAMPAIGN_MANAGER!r}, "kampagnen@example.org", {PASSWORD!r}, first_name="Kai")
manager.groups.add(Group.objects.get(name={CAMPAIGN_GROUP!r}))
lead = users.create_user({EDITORIAL_LEAD!r}, "leitung@example.org", {PASSWORD!r}, first_name="Lea")
lead.groups.add(Group.objects.get(name={EDITORIAL_LEAD_GROUP!r}))
result = True
"""
    )


def warm_up(site: LiveSite) -> None:
    """Fetch the home page once before the browser does: a gunicorn worker imports the site on its first
    request and the page's image renditions are made on theirs, which on a loaded machine can outlast a
    journey's 20-second navigation timeout without telling anything about the page."""
    with urllib.request.urlopen(f"{site.url}/", timeout=180) as response:
        assert response.status == 200, f"the home page answers {response.status}:\n{site.log_tail()}"


@contextlib.contextmanager
def running_site(
    var_dir: Path,
    logs: Path,
    prepare: Callable[[LiveSite], None] = prepare_demo,
    installation: Installation = CHECKOUT,
    **variables: str,
) -> Iterator[LiveSite]:
    """Start the sink, ``prepare`` the database, serve it with gunicorn and a qcluster from ``installation``;
    stop all on exit. ``variables`` override the journeys' environment below."""
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    sink = SmtpSink().start()
    port = free_port()
    backend_variables, remove_backends = services.own_backends(f"leuchtturm_site_{uuid.uuid4().hex[:10]}")
    env = production_env(
        var_dir,
        installation,
        DEBUG="1",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        EMAIL_TIMEOUT="10",
        # Links in mails point at this server.
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        # The browser talks to gunicorn directly, without the buffering proxy of a deployment: threaded
        # workers wait for a request in a poller, so the idle connections Chromium opens ahead (preconnects)
        # cannot hold a worker each and starve the site. The access log notes each request's seconds.
        GUNICORN_CMD_ARGS=(
            "--worker-class=gthread --threads=4 --access-logfile=- "
            "--access-logformat='%(t)s \"%(r)s\" %(s)s %(L)ss'"
        ),
        Q_WORKERS="1",
        # Sending takes some seconds (10 messages a second, recorded every 5), so that the dispatch page
        # is seen while the issue is being sent and has to follow its progress.
        CAMPAIGNS_SEND_RATE="10",
        CAMPAIGNS_BATCH_SIZE="10",
        CAMPAIGNS_RECORD_EVERY="5",
        Q_POLL="0.2",
        Q_TIMEOUT="120",
        **backend_variables,
    )
    env.update(variables)
    site = LiveSite(f"http://127.0.0.1:{port}", env, sink, logs, installation)
    try:
        prepare(site)
        site.processes.append(
            start_gunicorn(env, port, logs / "gunicorn.log", workers=2, installation=installation)
        )
        site.processes.append(start_qcluster(env, logs / "qcluster.log", installation=installation))
        warm_up(site)
        yield site
    finally:
        site.shell.close()
        for process in reversed(site.processes):
            stop_process_group(process, grace_seconds=10)
        sink.stop()
        remove_backends()

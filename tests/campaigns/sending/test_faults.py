"""Sending on PostgreSQL with real ``qcluster`` processes, and what happens when things break.

Each test freezes an issue to thousands of generated subscribers and lets separate ``manage.py qcluster``
processes — configured only by environment variables, as on worker hosts — send it to an SMTP server on
loopback that counts what arrives. The promises: two clusters send every recipient exactly once; a cluster
killed with SIGKILL and started again leaves nobody out and repeats at most the messages in flight; an SMTP
server that is down for a while delays the issue but it completes without anyone stepping in.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

from campaigns.models import Campaign, Channel, Delivery, Subscriber, Subscription
from tests import services
from tests.campaigns.engine import make_campaign
from tests.factories import make_news, make_site
from tests.mail_counter import MailCounter
from tests.processes import kill_process_group, manage, production_env, start_qcluster, stop_process_group

pytestmark = [
    pytest.mark.slow,
    pytest.mark.on_postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Q_WORKERS = 2  # per cluster; also each issue's number of concurrent batch chains (the default)


@dataclass
class Issue:
    campaign: Campaign
    addresses: set[str]

    def status(self) -> str:
        return Campaign.objects.values_list("status", flat=True).get(pk=self.campaign.pk)

    def finished(self) -> bool:
        return self.status() in (Campaign.Status.SENT, Campaign.Status.FAILED)

    def deliveries(self):
        return Delivery.objects.filter(campaign=self.campaign)


def issue_to(recipients: int) -> Issue:
    """A published district-wide news item and an issue of its channel to ``recipients`` active readers."""
    site = make_site()
    make_news(site["news"], "Der Landkreis in Zahlen")
    channel = Channel.objects.create(
        name="Wirtschaft im Landkreis", slug="wirtschaft", requires_approval=False
    )
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"leser{index}@example.org") for index in range(recipients)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=subscriber, channel=channel, status=Subscription.Status.ACTIVE)
        for subscriber in subscribers
    )
    return Issue(make_campaign(channel), {subscriber.email for subscriber in subscribers})


def worker_env(tmp_path: Path, mail: MailCounter, **tuning: str) -> dict[str, str]:
    """A worker host's environment: the test database, SMTP to the counter, the given engine tuning."""
    return production_env(
        tmp_path,
        DATABASE_URL=services.postgres_database_url(connection.settings_dict["NAME"]),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mail.port),
        EMAIL_TIMEOUT="10",
        Q_WORKERS=str(Q_WORKERS),
        Q_TIMEOUT="60",
        Q_POLL="0.2",
        **tuning,
    )


def send_campaign(issue: Issue, env: dict[str, str]) -> None:
    """What an editor's "send now" does, from a shell on any host: queue the start for the clusters."""
    queued = manage("send_campaign", str(issue.campaign.pk), env=env)
    assert queued.returncode == 0, queued.stderr


def wait_until(condition: Callable[[], bool], timeout: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


@pytest.fixture
def mail():
    counter = MailCounter().start()
    yield counter
    counter.stop()


def test_two_clusters_send_a_5000_recipient_issue_exactly_once(tmp_path, mail):
    issue = issue_to(5000)
    # As many batch chains as both hosts have workers, so that every worker of each host has work.
    env = worker_env(tmp_path, mail, CAMPAIGNS_SEND_CONCURRENCY=str(2 * Q_WORKERS))
    send_campaign(issue, env)
    logs = [tmp_path / "host-1.log", tmp_path / "host-2.log"]
    clusters = [start_qcluster(env, log) for log in logs]
    try:
        assert wait_until(issue.finished, timeout=300), f"still {issue.status()} after 300 s"
    finally:
        for cluster in clusters:
            stop_process_group(cluster)

    assert issue.status() == Campaign.Status.SENT
    counts = mail.counts()
    assert set(counts) == issue.addresses
    assert set(counts.values()) == {1}
    assert len(set(mail.message_ids())) == 5000
    assert issue.deliveries().filter(status=Delivery.Status.SENT).count() == 5000
    # Both hosts took part: each cluster's log shows batches it processed.
    for log in logs:
        assert "campaigns.tasks.send_batch" in log.read_text(), log.name


def test_a_cluster_killed_mid_send_and_restarted_leaves_nobody_out(tmp_path, mail):
    record_every = 20
    issue = issue_to(2000)
    env = worker_env(
        tmp_path,
        mail,
        CAMPAIGNS_SEND_RATE="200",
        CAMPAIGNS_RECORD_EVERY=str(record_every),
        CAMPAIGNS_LEASE_SECONDS="10",
    )
    send_campaign(issue, env)
    doomed = start_qcluster(env, tmp_path / "killed.log")
    try:
        assert wait_until(lambda: mail.total >= 400, timeout=120), "sending did not start"
        kill_process_group(doomed)  # the whole host dies: cluster, workers, monitor
    finally:
        stop_process_group(doomed)
    sent_before_restart = mail.total
    assert sent_before_restart < 2000 and not issue.finished(), "the kill came too late to test anything"

    restarted = start_qcluster(env, tmp_path / "restarted.log")
    try:
        assert wait_until(issue.finished, timeout=240), f"still {issue.status()} after the restart"
    finally:
        stop_process_group(restarted)

    assert issue.status() == Campaign.Status.SENT
    counts = mail.counts()
    assert set(counts) == issue.addresses  # nobody missing
    duplicates = sum(counts.values()) - len(issue.addresses)
    # At most what the killed batches had sent but not yet recorded: one recording interval per batch.
    assert duplicates <= Q_WORKERS * record_every
    assert issue.deliveries().filter(status=Delivery.Status.SENT).count() == 2000


def test_an_smtp_server_down_for_a_while_delays_but_completes_the_issue(tmp_path, mail):
    mail.stop()  # the relay is down when sending starts
    issue = issue_to(300)
    # No pause for the error streak here: this is about the retries alone (test_outages covers the pause).
    env = worker_env(tmp_path, mail, CAMPAIGNS_RETRY_DELAY="1", CAMPAIGNS_PAUSE_AFTER_FAILURES="1000")
    send_campaign(issue, env)
    cluster = start_qcluster(env, tmp_path / "qcluster.log")
    try:
        deferred = issue.deliveries().filter(status=Delivery.Status.QUEUED, failing_since__isnull=False)
        assert wait_until(deferred.exists, timeout=120), "no attempt against the unreachable server"
        assert mail.total == 0
        mail.start()  # back, on the same address
        assert wait_until(issue.finished, timeout=240), f"still {issue.status()} with the server back"
    finally:
        stop_process_group(cluster)

    assert issue.status() == Campaign.Status.SENT
    counts = mail.counts()
    assert set(counts) == issue.addresses
    assert set(counts.values()) == {1}
    # The deliveries tried while the server was down went out on a later try; no attempt was counted for
    # the tries that never reached a server.
    assert issue.deliveries().filter(failing_since__isnull=False).exists()
    assert set(issue.deliveries().values_list("attempts", flat=True)) == {1}

"""A ``qcluster`` killed with SIGKILL in the middle of a send and started again: every reader gets the
issue, and only messages that were in flight when the workers died can arrive twice.

Runs Leuchtturm in child processes on a file-based SQLite database (a copy of the suite's migrated test
database, which lives in this process only), with the ORM broker and a real SMTP server on loopback in this
process.
"""

import shutil
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.processes import django_json, kill_process_group, manage, production_env, start_qcluster
from tests.smtp_sink import SmtpSink

# The mark lets pytest-django create the test database that ``migrated_sqlite_file`` copies (it does so only
# for a session with such tests); the copy is taken before the test's own transaction begins.
pytestmark = [pytest.mark.once, pytest.mark.django_db]

READERS = 80
RECORD_EVERY = 5
WORKERS = 2
SETUP = f"""
from campaigns.models import Campaign, Channel, Subscriber, Subscription
channel = Channel.objects.create(name="Absturztest", slug="absturztest", requires_approval=False)
for number in range({READERS}):
    subscriber = Subscriber.objects.create(email=f"leser{{number}}@example.org")
    Subscription.objects.create(subscriber=subscriber, channel=channel, status="active")
result = Campaign.objects.create(channel=channel, subject="Absturztest", intro="<p>Hallo</p>").pk
"""


def wait_for(condition, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)


@pytest.mark.slow
def test_killed_workers_lose_nobody_and_repeat_only_messages_in_flight(tmp_path, migrated_sqlite_file):
    sink = SmtpSink().start()
    database = Path(shutil.copy(migrated_sqlite_file, tmp_path / "crash.sqlite3"))
    env = production_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{database}",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        Q_WORKERS=str(WORKERS),
        Q_POLL="0.1",
        CAMPAIGNS_SEND_RATE="20",
        CAMPAIGNS_BATCH_SIZE="10",
        CAMPAIGNS_RECORD_EVERY=str(RECORD_EVERY),
        CAMPAIGNS_LEASE_SECONDS="3",
    )
    cluster = None
    try:
        campaign_id = django_json(SETUP, env)
        queued = manage("send_campaign", str(campaign_id), env=env)
        assert queued.returncode == 0, queued.stderr

        log = tmp_path / "qcluster.log"
        cluster = start_qcluster(env, log)
        wait_for(lambda: len(sink.messages) >= 15, 120, f"no mail arrived: {log.read_text()[-3000:]}")
        kill_process_group(cluster)
        at_kill = len(sink.messages)

        def status_counts() -> dict[str, int]:
            with sqlite3.connect(database, timeout=20) as db:
                rows = db.execute(
                    "SELECT status, COUNT(*) FROM campaigns_delivery WHERE campaign_id = ? GROUP BY status",
                    (campaign_id,),
                )
                return dict(rows.fetchall())

        assert status_counts().get("sent", 0) < READERS, "the kill came too late to test anything"
        time.sleep(1)
        assert len(sink.messages) == at_kill, "a worker survived the kill"

        def campaign_status() -> str:
            with sqlite3.connect(database, timeout=20) as db:
                (status,) = db.execute(
                    "SELECT status FROM campaigns_campaign WHERE id = ?", (campaign_id,)
                ).fetchone()
                return status

        cluster = start_qcluster(env, log)
        # The issue is marked sent in its own step after the last delivery is recorded, so wait for that
        # mark rather than for the deliveries alone.
        wait_for(
            lambda: campaign_status() != "sending",
            180,
            f"still sending: {status_counts()} {log.read_text()[-3000:]}",
        )
        assert campaign_status() == "sent"
        assert status_counts() == {"sent": READERS}
    finally:
        if cluster is not None:
            kill_process_group(cluster)
        sink.stop()

    received = Counter(message.rcpt_tos[0] for message in sink.messages)
    assert set(received) == {f"leser{number}@example.org" for number in range(READERS)}
    repeated = sum(count - 1 for count in received.values())
    # At most what each worker had sent but not yet recorded when it died.
    assert repeated <= WORKERS * RECORD_EVERY, received

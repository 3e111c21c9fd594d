"""A bounded burst of sign-ups from 50 concurrent clients against gunicorn on PostgreSQL.

The promise under load: no sign-up is lost and none is answered with a server error. Every request is
stored and queued; the queued processing then runs on eight threads at once, as several workers would. Every
tenth request repeats the address of the one before (in other letter case), so concurrent processing for
one address races for the same rows; it must still yield one subscriber, one pending subscription and one
confirmation mail.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils.module_loading import import_string
from django_q.conf import Conf
from django_q.models import OrmQ

from campaigns.models import Channel, ConsentText, Subscriber, Subscription
from tests import services
from tests.load import run_signups
from tests.processes import PRODUCTION_SECRET_KEY, production_env, start_gunicorn, stop_process_group
from tests.smtp_sink import free_port

REQUESTS = 2000
CLIENTS = 50

pytestmark = [
    pytest.mark.slow,
    pytest.mark.on_postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def address(index: int) -> str:
    """Request ``index``'s address: every tenth repeats the previous request's address, in capitals."""
    if index % 10 == 9:
        return f"Person{index - 1}@Example.ORG"
    return f"person{index}@example.org"


def test_signups_under_load_are_all_accepted_and_stored(tmp_path, monkeypatch):
    channel = Channel.objects.create(name="MINT-Update", slug="mint-update")
    consent = ConsentText.objects.current()
    env = production_env(
        tmp_path,
        DATABASE_URL=services.postgres_database_url(connection.settings_dict["NAME"]),
        DATABASE_CONN_MAX_AGE="60",
        TRUSTED_PROXIES="1",
    )
    port = free_port()
    web = start_gunicorn(env, port, tmp_path / "gunicorn.log")
    try:
        emails = [address(index) for index in range(REQUESTS)]
        outcomes = run_signups(port, emails, channel.slug, consent.version, CLIENTS)
    finally:
        stop_process_group(web)

    assert Counter(outcome.status for outcome in outcomes) == {202: REQUESTS}
    monkeypatch.setattr(Conf, "SECRET_KEY", PRODUCTION_SECRET_KEY)  # the site signed the queued tasks
    tasks = [queued.task for queued in OrmQ.objects.all()]
    assert len(tasks) == REQUESTS, "every accepted sign-up is queued"
    with ThreadPoolExecutor(max_workers=8) as workers:
        list(workers.map(run_task, tasks))

    # Addresses are unique in any letter case; whichever spelling won a race is the one stored.
    distinct = {email.lower() for email in emails}
    stored = [email.lower() for email in Subscriber.objects.values_list("email", flat=True)]
    assert sorted(stored) == sorted(distinct)
    pending = Subscription.objects.filter(channel=channel, status=Subscription.Status.PENDING)
    assert pending.count() == len(distinct)
    # One confirmation mail per address, however many requests raced for it.
    assert sorted(message.to[0].lower() for message in mail.outbox) == sorted(distinct)


def run_task(task: dict) -> None:
    """One queued task, as a worker thread runs it (with a connection of its own)."""
    try:
        import_string(task["func"])(*task["args"], **task["kwargs"])
    finally:
        connections.close_all()

"""One send rate for the installation: slots spaced ``1 / rate`` apart whoever sends, shared by workers on
separate database connections, and a confirmation mail served before the newsletter that keeps the rate
busy."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from campaigns.pacing import Pacer, reserve
from tests.clock import Clock


@pytest.mark.parametrize("rate", [4.0, 0.0])
def test_pacer_spaces_messages(db, settings, rate):
    settings.CAMPAIGNS_SEND_RATE = rate
    clock = Clock()
    start = clock.now
    pacer = Pacer(clock=clock, sleep=clock.advance)
    for _message in range(5):
        pacer.wait()
    assert clock.now - start == (timedelta(seconds=1) if rate else timedelta(0))


def test_a_confirmation_mail_goes_before_the_waiting_newsletter(db):
    clock = Clock()
    second = timedelta(seconds=1)
    assert reserve(second, clock.now, priority=False) == (True, clock.now)
    # The newsletter's next message must wait a second; it takes no slot ahead of time …
    assert reserve(second, clock.now, priority=False) == (False, clock.now + second)
    # … so the confirmation mail asked for meanwhile gets that next slot,
    assert reserve(second, clock.now, priority=True) == (True, clock.now + second)
    # and the newsletter comes after it.
    assert reserve(second, clock.now + second, priority=False) == (False, clock.now + 2 * second)
    assert reserve(second, clock.now + 2 * second, priority=False) == (True, clock.now + 2 * second)


@pytest.mark.on_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_share_one_rate(settings):
    """Two newsletter workers and a confirmation sender, each on its own connection, keep to 10 per
    second together: no two slots closer than a tenth of a second, no second with more than ten."""
    settings.CAMPAIGNS_SEND_RATE = 10
    clock = Clock()
    lock = threading.Lock()
    slots: list = []

    def sleep(seconds: float) -> None:
        with lock:
            clock.advance(seconds)

    def worker(messages: int, priority: bool) -> None:
        try:
            pacer = Pacer(priority=priority, clock=clock, sleep=sleep)
            for _message in range(messages):
                slot = pacer.wait()
                with lock:
                    slots.append(slot)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(30, False)),
        threading.Thread(target=worker, args=(30, False)),
        threading.Thread(target=worker, args=(5, True)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    slots.sort()
    assert len(slots) == len(set(slots)) == 65
    gaps = [later - earlier for earlier, later in zip(slots, slots[1:], strict=False)]
    assert min(gaps) >= timedelta(seconds=0.1)
    assert all(slots[index + 10] - slots[index] >= timedelta(seconds=1) for index in range(len(slots) - 10))

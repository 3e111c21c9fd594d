"""Run one piece of database work in several threads at the same moment, as several workers would.

Each thread waits at a barrier, so the calls overlap, and closes its own database connection afterwards
(Django opens one per thread). Meant for tests on PostgreSQL, where rows are really locked.
"""

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connection

T = TypeVar("T")


def at_once(work: Callable[[], T], workers: int = 2, timeout: float = 60) -> list[T]:
    """Call ``work`` in ``workers`` threads released together; return the results in finishing order."""
    barrier = threading.Barrier(workers)
    results: list[T] = []

    def worker() -> None:
        barrier.wait()
        try:
            results.append(work())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results

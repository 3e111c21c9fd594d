"""The order in which pytest-xdist hands out the tests: the slow ones first among their kind.

A pytest plugin (loaded by ``tests/conftest.py``). pytest-django orders the tests as Django does: those in a
transaction first, then the transactional ones, then those without a database — a transactional test ends
with every table flushed, and its migrated data comes back only when the next transactional test starts.
xdist then gives each worker the next test of that order as it becomes free, and the minute-long fault and
load tests, taken up last, kept one worker busy while the others were done. So within each kind, the tests
marked ``slow`` go first.
"""

from itertools import groupby

import pytest

from tests.sharing import is_transactional, uses_the_database


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Within each run of tests of one kind (pytest-django's order), move those marked ``slow`` to the front
    and keep every other order."""
    runs = groupby(items, key=lambda item: (uses_the_database(item), is_transactional(item)))
    items[:] = [
        item
        for _kind, run in runs
        for item in sorted(run, key=lambda item: item.get_closest_marker("slow") is None)
    ]

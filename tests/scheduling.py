"""The order in which pytest-xdist hands out the tests: the slow ones first.

A pytest plugin (loaded by ``tests/conftest.py``). xdist gives each worker the next test of the collected
order as it becomes free, and pytest-django puts the transactional tests last, among them the minute-long
fault and load tests; one of those taken up last keeps a worker busy while the others are done.
"""

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the tests marked ``slow`` to the front, keeping every other order (after pytest-django's).
    Every transactional test restores the migrated data (``serialized_rollback``), so it may run first."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)

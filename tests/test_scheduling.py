"""xdist hands out the slow tests first among their kind, and every other test in the order it had."""

from dataclasses import dataclass, field

import pytest

from tests.scheduling import pytest_collection_modifyitems

pytestmark = pytest.mark.once


@dataclass
class Item:
    name: str
    marks: tuple[str, ...] = ()
    fixturenames: list[str] = field(default_factory=list)

    def get_closest_marker(self, name: str):
        if name not in self.marks:
            return None
        return pytest.mark.django_db(transaction=True).mark if name == "django_db" else pytest.mark.slow.mark


def test_slow_tests_move_to_the_front_of_their_kind_and_the_rest_keeps_its_order():
    items = [
        Item("a", fixturenames=["db"]),
        Item("query counts", ("slow",), ["db"]),
        Item("b", fixturenames=["db"]),
        Item("c", ("django_db",)),
        Item("faults", ("django_db", "slow")),
        Item("d"),
        Item("wheel", ("slow",)),
    ]
    pytest_collection_modifyitems(items)
    # The transactional tests stay after the others: they leave the tables flushed.
    assert [item.name for item in items] == ["query counts", "a", "b", "faults", "c", "wheel", "d"]

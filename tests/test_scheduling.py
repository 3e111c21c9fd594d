"""xdist hands out the slow tests first, and every other test in the order it had."""

from dataclasses import dataclass

import pytest

from tests.scheduling import pytest_collection_modifyitems

pytestmark = pytest.mark.once


@dataclass
class Item:
    name: str
    slow: bool = False

    def get_closest_marker(self, name: str):
        return pytest.mark.slow.mark if name == "slow" and self.slow else None


def test_slow_tests_move_to_the_front_and_the_rest_keeps_its_order():
    items = [Item("a"), Item("b"), Item("load", slow=True), Item("c"), Item("faults", slow=True)]
    pytest_collection_modifyitems(items)
    assert [item.name for item in items] == ["load", "faults", "a", "b", "c"]

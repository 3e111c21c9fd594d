"""Test data built once per module instead of once per test.

A module-scoped fixture builds its rows inside ``rolled_back_afterwards``: a transaction that stays open while
the module's tests run and is rolled back after them. Each test still asks for ``db``, so it runs in a
savepoint of that transaction and its changes are undone before the next test. Function-scoped fixtures
then read the shared rows afresh, so that no test sees objects another test changed in memory. A module
with transactional tests, or with database tests that do not ask for the fixture, builds per test instead
(``shares_a_transaction``): a flush, the other processes a transactional test starts, or a test expecting an
empty table would otherwise meet the shared rows.
"""

import contextlib
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import models, transaction
from wagtail.models import Page


def is_transactional(item: pytest.Item) -> bool:
    """Whether the test runs without a wrapping transaction (it commits, and the test flushes afterwards)."""
    marker = item.get_closest_marker("django_db")
    return "live_server" in getattr(item, "fixturenames", ()) or (
        marker is not None and marker.kwargs.get("transaction", False)
    )


def uses_the_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db"} & set(getattr(item, "fixturenames", ()))
    )


def shares_a_transaction(request: pytest.FixtureRequest) -> bool:
    """Whether the module-scoped fixture being set up may keep its rows in a transaction open across the
    module's tests: none of them is transactional, and each that uses the database asks for the fixture (the
    others would find its rows)."""
    for item in request.session.items:
        if item.module is not request.module:
            continue
        if is_transactional(item) or (
            uses_the_database(item) and request.fixturename not in item.fixturenames
        ):
            return False
    return True


@contextlib.contextmanager
def rolled_back_afterwards(django_db_blocker) -> Iterator[None]:
    """Run the block's database work in a transaction that is rolled back when the block ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches the site root paths, the feeds their documents


def primary_keys(objects: dict[str, models.Model]) -> dict[str, int]:
    return {name: instance.pk for name, instance in objects.items()}


def fresh_pages(keys: dict[str, int]) -> dict[str, Page]:
    """The pages of ``keys`` (name → id) read from the database as their specific classes."""
    pages = Page.objects.filter(pk__in=keys.values()).specific().in_bulk()
    return {name: pages[pk] for name, pk in keys.items()}


def fresh(model: type[models.Model], keys: dict[str, int]) -> dict[str, models.Model]:
    """The rows of ``keys`` (name → id) of ``model`` read from the database."""
    rows = model.objects.in_bulk(keys.values())
    return {name: rows[pk] for name, pk in keys.items()}

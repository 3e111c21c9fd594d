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
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from django.core.cache import cache
from django.db import models, transaction
from wagtail.models import Page

Built = TypeVar("Built")
Keys = TypeVar("Keys")

# The module-scoped fixtures built on this module.
SHARED_FIXTURES = ("demo", "feed_site_keys", "newsletter_keys", "site_keys", "content_keys")


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


def may_share(items: list[pytest.Item], fixturename: str) -> bool:
    """Whether the module-scoped fixture ``fixturename`` may keep its rows in a transaction open across the
    module's tests ``items``: none of them is transactional, and each that uses the database asks for the
    fixture (the others would find its rows)."""
    return not any(
        is_transactional(item) or (uses_the_database(item) and fixturename not in item.fixturenames)
        for item in items
    )


def module_items(request: pytest.FixtureRequest) -> list[pytest.Item]:
    return [item for item in request.session.items if item.module is request.module]


def shares_a_transaction(request: pytest.FixtureRequest) -> bool:
    """``may_share`` for the module-scoped fixture being set up."""
    return may_share(module_items(request), request.fixturename)


def keep_sharing_modules_together(items: list[pytest.Item]) -> None:
    """Give each module that shares rows an xdist group of its own, so that they are built once, on one
    worker, rather than on every worker that runs some of the module's tests (``--dist loadgroup``)."""
    by_module: dict[object, list[pytest.Item]] = {}
    for item in items:
        by_module.setdefault(item.module, []).append(item)
    for module, its in by_module.items():
        used = {name for item in its for name in item.fixturenames if name in SHARED_FIXTURES}
        if any(may_share(its, name) for name in used):
            for item in its:
                item.add_marker(pytest.mark.xdist_group(module.__name__))


def built_once(
    request: pytest.FixtureRequest,
    django_db_blocker,
    build: Callable[[], Built],
    keys: Callable[[Built], Keys],
) -> Iterator[Keys | None]:
    """The body of a module-scoped fixture: ``build`` once, in a transaction rolled back after the module,
    and yield the ``keys`` (ids) of what was built; yield ``None`` where the module may not share
    (``shares_a_transaction``), so that its tests build their own."""
    if not shares_a_transaction(request):
        yield None
        return
    with rolled_back_afterwards(django_db_blocker):
        yield keys(build())


def for_the_test(keys: Keys | None, build: Callable[[], Built], read: Callable[[Keys], Built]) -> Built:
    """The body of the matching function-scoped fixture: the shared rows ``read`` afresh, with empty caches,
    or built for the test where the module does not share."""
    if keys is None:
        return build()
    cache.clear()
    return read(keys)


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

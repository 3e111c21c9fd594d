"""The test runs' Redis cache clears only its own keys, so xdist workers sharing a server stay apart."""

import uuid

import pytest

from tests.cache import DELETE_BATCH, PrefixScopedRedisCache
from tests.services import redis_url


def a_cache(prefix: str) -> PrefixScopedRedisCache:
    return PrefixScopedRedisCache(redis_url(), {"KEY_PREFIX": prefix})


@pytest.mark.needs_redis
def test_clear_empties_its_own_prefix_and_keeps_another_workers_keys():
    run = uuid.uuid4().hex[:12]
    mine, theirs = a_cache(f"clear-{run}-gw0"), a_cache(f"clear-{run}-gw1")
    mine.set_many({f"key-{number}": number for number in range(DELETE_BATCH + 3)})
    theirs.set("site-root-paths", ["/home/"])

    assert mine.clear() is True

    assert mine.get_many([f"key-{number}" for number in range(DELETE_BATCH + 3)]) == {}
    assert theirs.get("site-root-paths") == ["/home/"]
    theirs.clear()
    assert theirs.get("site-root-paths") is None

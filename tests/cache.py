"""A Redis cache for test runs that share one Redis server.

Django's ``RedisCache.clear()`` flushes the whole Redis database. Under pytest-xdist every worker (and every
concurrent run) keeps its keys under its own ``KEY_PREFIX`` in the same database, so one worker's
``cache.clear()`` would empty the others' caches and django-q2 queues in the middle of their tests. Here
``clear()`` deletes only the keys of this cache's prefix.
"""

from django.core.cache.backends.redis import RedisCache

DELETE_BATCH = 500


class PrefixScopedRedisCache(RedisCache):
    """``RedisCache`` whose ``clear()`` removes this prefix's keys and nothing else."""

    def clear(self) -> bool:
        client = self._cache.get_client(None, write=True)
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=DELETE_BATCH):
            batch.append(key)
            if len(batch) == DELETE_BATCH:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
        return True

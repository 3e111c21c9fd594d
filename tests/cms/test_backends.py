"""DATABASE_URL, REDIS_URL and Q_BROKER switch database, cache and django-q2 broker — no code change.

Each case starts a fresh interpreter with the production settings and talks to the real servers.
"""

import os
import time
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection

from tests import services
from tests.processes import django_json, production_env, run_django, start_qcluster, stop_process_group

PROBE = """
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django_q.brokers import get_broker

with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
cache.set("probe", "from-the-cache", 60)
broker = get_broker()
broker.enqueue("probe-task")
result = {
    "vendor": connection.vendor,
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_roundtrip": cache.get("probe"),
    "broker": type(broker).__name__,
    "queue_size": broker.queue_size(),
}
broker.delete_queue()
"""


@pytest.mark.once
def test_defaults_are_sqlite_local_memory_cache_and_orm_broker(tmp_path):
    result = django_json(
        "from django.conf import settings\n"
        "from django_q.brokers import get_broker\n"
        "from django.db import connection\n"
        "result = {'vendor': connection.vendor, 'cache': settings.CACHES['default']['BACKEND'],"
        " 'broker': type(get_broker()).__name__}",
        production_env(tmp_path),
    )
    assert result == {
        "vendor": "sqlite",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "broker": "ORM",
    }


@pytest.mark.needs_postgres
@pytest.mark.needs_redis
def test_postgres_and_redis_urls_switch_database_cache_and_broker(tmp_path):
    prefix = f"leuchtturm-test-{uuid.uuid4().hex[:12]}"
    env = production_env(
        tmp_path,
        DATABASE_URL=services.postgres_database_url("postgres"),
        REDIS_URL=services.redis_url(),
        Q_BROKER="redis",
        REDIS_KEY_PREFIX=prefix,
    )
    client = redis.Redis.from_url(services.redis_url())
    try:
        result = django_json(PROBE, env)
        assert result == {
            "vendor": "postgresql",
            "cache": "django.core.cache.backends.redis.RedisCache",
            "cache_roundtrip": "from-the-cache",
            "broker": "Redis",
            "queue_size": 1,
        }
        # The cache entry really is in Redis, under the installation's prefix.
        assert client.exists(f"{prefix}:1:probe")
    finally:
        client.delete(f"{prefix}:1:probe")


@pytest.mark.needs_redis
def test_redis_url_alone_keeps_the_orm_broker(tmp_path):
    """Redis for the cache does not silently move the task queue: the ORM broker has receipts."""
    result = django_json(
        "from django.conf import settings\n"
        "from django_q.brokers import get_broker\n"
        "result = {'cache': settings.CACHES['default']['BACKEND'], 'broker': type(get_broker()).__name__}",
        production_env(tmp_path, REDIS_URL=services.redis_url()),
    )
    assert result == {"cache": "django.core.cache.backends.redis.RedisCache", "broker": "ORM"}


@pytest.mark.once
def test_redis_broker_without_redis_url_refuses_to_start(tmp_path):
    completed = run_django("", production_env(tmp_path, Q_BROKER="redis"))
    assert completed.returncode != 0
    assert "Q_BROKER=redis needs REDIS_URL" in completed.stderr


def test_the_suite_runs_on_the_configured_services():
    """Guards the second CI pass: with DATABASE_URL and REDIS_URL set, the suite really uses them."""
    expected_vendor = "postgresql" if services.suite_on_postgres() else "sqlite"
    assert connection.vendor == expected_vendor
    if os.environ.get("REDIS_URL"):
        # The test settings' Redis cache (tests/cache.py), which differs from Django's only in clear().
        assert settings.CACHES["default"]["BACKEND"] == "tests.cache.PrefixScopedRedisCache"
        assert isinstance(caches["default"], RedisCache)
        cache.set("suite-probe", 1, 30)
        client = redis.Redis.from_url(os.environ["REDIS_URL"])
        assert client.exists(f"{settings.REDIS_KEY_PREFIX}:1:suite-probe")
    else:
        assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.once
def test_an_esp_and_the_proxy_count_are_configured_by_environment(tmp_path):
    """Mail through django-anymail and the reverse-proxy count need no settings file either."""
    result = django_json(
        "from django.conf import settings\n"
        "from django.core.mail import get_connection\n"
        "result = {'backend': type(get_connection()).__module__, 'anymail': settings.ANYMAIL,"
        " 'proxies': settings.CAMPAIGNS_TRUSTED_PROXIES}",
        production_env(
            tmp_path,
            EMAIL_BACKEND="anymail.backends.postmark.EmailBackend",
            ANYMAIL_POSTMARK_SERVER_TOKEN="server-token",
            ANYMAIL_WEBHOOK_SECRET="hook:secret",
            TRUSTED_PROXIES="1",
        ),
    )
    assert result == {
        "backend": "anymail.backends.postmark",
        "anymail": {"POSTMARK_SERVER_TOKEN": "server-token", "WEBHOOK_SECRET": "hook:secret"},
        "proxies": 1,
    }


@pytest.mark.on_postgres
@pytest.mark.needs_redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_travels_through_the_redis_broker_to_a_qcluster_on_another_process(tmp_path):
    """What two hosts do: one process queues a task in Redis, a separate qcluster runs it and stores the
    result in the shared PostgreSQL database."""
    from django_q.models import Task

    prefix = f"leuchtturm-test-{uuid.uuid4().hex[:12]}"
    env = production_env(
        tmp_path,
        DATABASE_URL=services.postgres_database_url(connection.settings_dict["NAME"]),
        REDIS_URL=services.redis_url(),
        Q_BROKER="redis",
        REDIS_KEY_PREFIX=prefix,
        Q_WORKERS="1",
    )
    queued = run_django(
        "from django_q.tasks import async_task\nasync_task('math.hypot', 3, 4, task_name='hypot-probe')", env
    )
    assert queued.returncode == 0, queued.stderr
    client = redis.Redis.from_url(services.redis_url())
    assert client.llen(f"django_q:{prefix}:q") == 1

    cluster = start_qcluster(env, tmp_path / "qcluster.log")
    try:
        deadline = time.monotonic() + 60
        while not Task.objects.filter(name="hypot-probe").exists() and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        stop_process_group(cluster)
    task = Task.objects.get(name="hypot-probe")
    assert task.success and task.result == 5.0
    assert client.llen(f"django_q:{prefix}:q") == 0


@pytest.mark.once
def test_campaign_tuning_comes_from_the_environment(tmp_path):
    code = (
        "from campaigns import app_settings\n"
        "result = [app_settings.lease_seconds(), app_settings.send_rate(), app_settings.batch_size(),"
        " app_settings.signup_rate_limit()]"
    )
    tuned = production_env(
        tmp_path, CAMPAIGNS_LEASE_SECONDS="7", CAMPAIGNS_SEND_RATE="2.5", CAMPAIGNS_SIGNUP_RATE_LIMIT="5"
    )
    assert django_json(code, tuned) == [7, 2.5, 200, 5]
    assert django_json(code, production_env(tmp_path)) == [120, 0.0, 200, 60]


@pytest.mark.on_postgres
@pytest.mark.needs_redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_redis_a_cluster_on_one_host_is_seen_by_the_monitor_on_another(tmp_path):
    """django-q2 keeps cluster statistics in the cache: with REDIS_URL every host's ``qinfo`` sees every
    cluster, even with the ORM broker."""
    env = production_env(
        tmp_path,
        DATABASE_URL=services.postgres_database_url(connection.settings_dict["NAME"]),
        REDIS_URL=services.redis_url(),
        REDIS_KEY_PREFIX=f"leuchtturm-test-{uuid.uuid4().hex[:12]}",
        Q_WORKERS="1",
    )
    clusters_seen = "from django_q.status import Stat\nresult = len(Stat.get_all())"
    cluster = start_qcluster(env, tmp_path / "qcluster.log")
    try:
        deadline = time.monotonic() + 60
        while django_json(clusters_seen, env) == 0 and time.monotonic() < deadline:
            time.sleep(1)
        assert django_json(clusters_seen, env) == 1
    finally:
        stop_process_group(cluster)

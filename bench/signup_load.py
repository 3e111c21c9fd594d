"""Sign-up API throughput and latency on gunicorn and PostgreSQL, with many concurrent clients.

Creates a fresh PostgreSQL database, migrates it, serves ``cms.wsgi`` with gunicorn on loopback and posts
sign-ups from concurrent clients (the same traffic as ``tests/campaigns/subscriptions/test_signup_load.py``),
then checks that every accepted sign-up has its row. Everything stays on 127.0.0.1 and ends by itself.

    .venv/bin/python bench/signup_load.py --requests 3000 --clients 50 --workers 4

The ceiling, measured in the same run against the same server with the same clients, is the cheapest
request it answers: ``GET /api/health/`` (no database). The last line reads ``ratio=<sign-ups per second ÷
health requests per second>``, which holds still on a busy machine where the absolute figures do not.
"""

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.load import run_signups, timed_request  # noqa: E402
from tests.processes import manage, production_env, run_django, start_gunicorn, stop_process_group  # noqa: E402
from tests.smtp_sink import free_port  # noqa: E402

SETUP = """
from campaigns.models import Channel, ConsentText
Channel.objects.create(name="Bench", slug="bench")
print(ConsentText.objects.current().version)
"""
COUNT = """
from campaigns.models import Subscriber
print(Subscriber.objects.count())
"""


def ceiling(port: int, requests: int, clients: int) -> float:
    """Requests per second of ``GET /api/health/`` from ``clients`` concurrent clients."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        statuses = list(pool.map(lambda _: timed_request(port, "GET", "/api/health/")[0], range(requests)))
    elapsed = time.perf_counter() - started
    assert set(statuses) == {200}, Counter(statuses)
    return requests / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    arguments = parser.parse_args()

    database = "leuchtturm_bench_signup"
    with psycopg.connect(arguments.server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database}")
        admin.execute(f"CREATE DATABASE {database}")
    url = arguments.server.rsplit("/", 1)[0] + f"/{database}"
    with tempfile.TemporaryDirectory(prefix="leuchtturm-bench-") as var_dir:
        env = production_env(Path(var_dir), DATABASE_URL=url, DATABASE_CONN_MAX_AGE="60", TRUSTED_PROXIES="1")
        migrated = manage("migrate", "--noinput", env=env, timeout=600)
        assert migrated.returncode == 0, migrated.stderr
        setup = run_django(SETUP, env)
        assert setup.returncode == 0, setup.stderr
        consent_version = setup.stdout.strip()

        port = free_port()
        web = start_gunicorn(env, port, Path(var_dir) / "gunicorn.log", workers=arguments.workers)
        try:
            health_per_second = ceiling(port, arguments.requests, arguments.clients)
            emails = [f"bench{index}@example.org" for index in range(arguments.requests)]
            started = time.perf_counter()
            outcomes = run_signups(port, emails, "bench", consent_version, arguments.clients)
            elapsed = time.perf_counter() - started
        finally:
            stop_process_group(web)
        stored = int(run_django(COUNT, env).stdout.strip())

    with psycopg.connect(arguments.server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database}")

    latencies = sorted(outcome.seconds * 1000 for outcome in outcomes)
    percentile = statistics.quantiles(latencies, n=100)
    statuses = Counter(outcome.status for outcome in outcomes)
    print(f"requests={len(outcomes)} clients={arguments.clients} gunicorn_workers={arguments.workers}")
    print(f"statuses={dict(sorted(statuses.items()))} rows={stored}")
    print(f"latency_ms p50={percentile[49]:.0f} p95={percentile[94]:.0f} p99={percentile[98]:.0f}")
    signups_per_second = len(outcomes) / elapsed
    print(f"health_per_second={health_per_second:.0f} signups_per_second={signups_per_second:.0f}")
    print(f"ratio={signups_per_second / health_per_second:.3f}")


if __name__ == "__main__":
    main()

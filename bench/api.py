"""Benchmark of the content API under a production WSGI server, against a ceiling measured in the same run.

It prepares a throw-away SQLite database in a temporary directory (``migrate`` and ``load_demo``), starts
gunicorn with two workers on a free loopback port with production settings (``DEBUG`` off), and drives
a bounded concurrent load — a fixed number of requests from a small thread pool — against

    GET /api/v2/pages/?type=page_types.MintOfferPage&fields=*

and, the same way, against ``/api/health/``: a trivial Django JSON view through the same middleware, the
ceiling of what this server and machine can do. Repeated, the API request is answered from the body kept
for the current content version (as for many front ends asking for the same listing); a third series adds
a different ``_`` (the ignored cache-buster parameter) to every request, so that each one is rendered.
Rounds alternate between the series, so that other load on the machine hits all alike. It prints requests
per second and p50/p99 latency of each and, as its last line, ``ratio=<API req/s / ceiling req/s>``.

The server keeps its database connections for 60 seconds (``DATABASE_CONN_MAX_AGE=60``), as
docs/OPERATIONS.md configures production; ``--conn-max-age 0`` (the settings' default) opens one per
request, as the runs before 2026-12-08 did.

    .venv/bin/python bench/api.py [--requests 300] [--concurrency 4] [--rounds 2] [--conn-max-age 60]
"""

import argparse
import http.client
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from benchenv import LOOPBACK_SILENCED_CHECKS, ROOT, free_port  # also puts the project on sys.path

API_PATH = "/api/v2/pages/?type=page_types.MintOfferPage&fields=*"
CEILING_PATH = "/api/health/"
HOST = "127.0.0.1"
# Variables that would point the benchmark at a real installation's database, cache or broker.
INHERITED_CONFIGURATION = ("DATABASE_URL", "REDIS_URL", "Q_BROKER", "DEBUG", "AWS_STORAGE_BUCKET_NAME")


@dataclass
class Measurement:
    """Latencies and wall time of the requests to one path, over all rounds."""

    path: str
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    def report(self, label: str) -> str:
        return (
            f"{label:<8} {self.path:<55} {self.requests_per_second:8.1f} req/s"
            f"   p50 {self.percentile(0.5):7.1f} ms   p99 {self.percentile(0.99):7.1f} ms"
        )


def environment(var_dir: Path, port: int, conn_max_age: int) -> dict[str, str]:
    """Production settings for a throw-away installation in ``var_dir``, keeping database connections for
    ``conn_max_age`` seconds."""
    env = {name: value for name, value in os.environ.items() if name not in INHERITED_CONFIGURATION}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings",
        SECRET_KEY=secrets.token_urlsafe(48),
        LEUCHTTURM_VAR_DIR=str(var_dir),
        STATIC_ROOT=str(var_dir / "static"),
        ALLOWED_HOSTS=HOST,
        WAGTAILADMIN_BASE_URL=f"http://{HOST}:{port}",
        SILENCED_SYSTEM_CHECKS=LOOPBACK_SILENCED_CHECKS,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        DATABASE_CONN_MAX_AGE=str(conn_max_age),
    )
    return env


def prepare(env: dict[str, str]) -> None:
    """Migrate the database and load the demo content (as ``make run`` does)."""
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            env=env,
            cwd=ROOT,
            check=True,
            timeout=1200,
            stdout=subprocess.DEVNULL,
        )


def get(port: int, path: str) -> float:
    """One request on a fresh connection (gunicorn's sync workers close each one); its latency in seconds."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}: {body[:200]!r}")
    return time.perf_counter() - started


def wait_until_serving(port: int, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            get(port, CEILING_PATH)
            return
        except (OSError, RuntimeError):
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time")


def drive(
    port: int, measurement: Measurement, requests: int, concurrency: int, *, unique: bool = False
) -> None:
    """``requests`` requests from ``concurrency`` threads; adds their latencies and the wall time.

    ``unique`` makes every URL different (``&_=<n>``), so that no request finds a kept body.
    """
    offset = len(measurement.latencies)
    paths = [f"{measurement.path}&_={offset + n}" if unique else measurement.path for n in range(requests)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        measurement.latencies.extend(pool.map(lambda path: get(port, path), paths))
    measurement.seconds += time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--requests", type=int, default=300, help="requests per path and round (a tenth rendered)"
    )
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight at once")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per path")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="seconds the server keeps a database connection (production: 60; 0 opens one per request)",
    )
    options = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="leuchtturm-bench-api-"))
    port = free_port()
    env = environment(var_dir, port, options.conn_max_age)
    server = None
    try:
        print(f"Preparing the demo database in {var_dir} …", flush=True)
        prepare(env)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"{HOST}:{port}",
            ],
            env=env,
            cwd=ROOT,
        )
        wait_until_serving(port, server)
        for _warm_up in range(10):  # the first requests create the image renditions
            get(port, API_PATH)
        ceiling, api, rendered = Measurement(CEILING_PATH), Measurement(API_PATH), Measurement(API_PATH)
        print(
            f"gunicorn, 2 workers, {options.rounds} rounds × {options.requests} requests per path, "
            f"{options.concurrency} in flight, DATABASE_CONN_MAX_AGE={options.conn_max_age}",
            flush=True,
        )
        for _round in range(options.rounds):
            drive(port, ceiling, options.requests, options.concurrency)
            drive(port, api, options.requests, options.concurrency)
            drive(port, rendered, max(1, options.requests // 10), options.concurrency, unique=True)
        print(ceiling.report("ceiling"))
        print(api.report("api"))
        print(rendered.report("rendered") + "   (every request rendered: &_=<n>)")
        print(f"rendered_ratio={rendered.requests_per_second / ceiling.requests_per_second:.3f}")
        print(f"ratio={api.requests_per_second / ceiling.requests_per_second:.3f}")
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

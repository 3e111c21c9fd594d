"""Benchmark: does a sign-up take the same time whatever the address? New, pending, active and suppressed
addresses are signed up interleaved through the public form, in-process with Django's test client on a
throw-away SQLite database (or ``BENCH_DATABASE_URL``), production settings, ``DEBUG`` off.

    .venv/bin/python bench/signup_timing.py [--rounds 200]

Each round posts one sign-up of each kind in a shuffled order (a new address is new every time); the
processing a worker would do later is not run, as in production the answer never waits for it. Prints the
median and 90th percentile per kind side by side, then ``ratio=<slowest median ÷ fastest median>`` — 1.00
means an observer learns nothing from the time an answer takes.
"""

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import ROOT, bench_env  # also puts the project on sys.path

KINDS = ("new", "pending", "active", "suppressed")


def prepare(rounds: int) -> dict[str, list[str]]:
    """The addresses of each kind, one per round, in their state."""
    from campaigns.models import Channel, Subscriber, Subscription, Suppression

    channel = Channel.objects.create(name="MINT-Update", slug="mint-update")
    addresses = {kind: [f"{kind}-{n}@example.org" for n in range(rounds)] for kind in KINDS}
    for status in ("pending", "active"):
        for address in addresses[status]:
            subscriber = Subscriber.objects.create(email=address)
            Subscription.objects.create(subscriber=subscriber, channel=channel, status=status)
    for address in addresses["suppressed"]:
        Suppression.suppress(address, Suppression.Reason.COMPLAINT)
    return addresses


def measure(addresses: dict[str, list[str]], rounds: int) -> dict[str, list[float]]:
    from django.test import Client

    from campaigns.models import ConsentText

    version = ConsentText.objects.current().version
    client = Client(REMOTE_ADDR="127.0.0.1")
    rng = random.Random(13)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    warm_up = {"email": "warm-up@example.org", "channels": ["mint-update"], "consent": "on"}
    client.post("/newsletter/", {**warm_up, "consent_version": version})  # imports, URL resolution
    for n in range(rounds):
        order = list(KINDS)
        rng.shuffle(order)
        for kind in order:
            data = {"email": addresses[kind][n], "channels": ["mint-update"], "consent": "on"}
            data["consent_version"] = version
            started = time.perf_counter()
            response = client.post("/newsletter/", data)
            times[kind].append(time.perf_counter() - started)
            assert response.status_code == 303, (kind, response.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="fewer than ~100 leave the noise visible")
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory(prefix="leuchtturm-signup-timing-") as var_dir:
        env = bench_env(
            var_dir,
            SECRET_KEY="bench-only-Tm3Rx8Kq5Wz1Np7Hc4Vd9Jb2",
            ALLOWED_HOSTS="testserver",
            SECURE_COOKIES="0",
            CAMPAIGNS_SIGNUP_RATE_LIMIT=str(10**9),
            STATIC_ROOT=f"{var_dir}/static",
        )
        env.pop("DEBUG", None)
        Path(env["STATIC_ROOT"]).mkdir()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        import django

        django.setup()
        times = measure(prepare(rounds), rounds)
    medians = {kind: statistics.median(values) * 1000 for kind, values in times.items()}
    p90 = {kind: statistics.quantiles(values, n=10)[-1] * 1000 for kind, values in times.items()}
    print(f"{'':12}" + "".join(f"{kind:>12}" for kind in KINDS))
    print(f"{'median ms':12}" + "".join(f"{medians[kind]:12.2f}" for kind in KINDS))
    print(f"{'p90 ms':12}" + "".join(f"{p90[kind]:12.2f}" for kind in KINDS))
    print(f"rounds={rounds}")
    print(f"ratio={max(medians.values()) / min(medians.values()):.2f}")


if __name__ == "__main__":
    main()

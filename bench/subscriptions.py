"""Benchmark: audience counts over 100,000 generated subscribers on SQLite, and sign-ups per second through
the JSON API on gunicorn under a bounded concurrent load — each against a ceiling measured in the same run.

    .venv/bin/python bench/subscriptions.py [--subscribers 100000] [--signups 1000] [--concurrency 8]

Runs on a throw-away SQLite database (or ``BENCH_DATABASE_URL``).

1. Audience counts: generates the subscribers (facets, subscriptions to three channels) with bulk inserts,
   then times ``Audience.count()`` for four audiences (median of five runs each). A plain ``SELECT
   COUNT(*)`` on the subscriber table is printed too, but SQLite answers it from b-tree page counts, so the
   ceiling is the one-table count every channel audience must at least do: the channel's active rows in
   the subscription table. ``audience_ratio`` is that time ÷ the slowest audience's.
2. Sign-ups: serves the same database with gunicorn (2 sync workers, loopback only, ``DEBUG`` off) and
   posts up to ``--signups`` distinct sign-ups (each phase stops after 180 s) to ``POST
   /api/v1/subscriptions`` from ``--concurrency`` clients;
   every answer must be 202 and every accepted address must have its row (confirmation mails are queued
   for django-q2 as in production; no worker runs). The ceiling is the same server answering a trivial
   Django view under the same load.

The last line is ``ratio=<sign-ups per second ÷ trivial requests per second>``.
"""

import argparse
import collections
import http.client
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from benchenv import ROOT, bench_env, free_port  # also puts the project on sys.path

REQUEST_TIMEOUT = 30
PHASE_SECONDS = 180
SETTINGS = "bench.subscriptions_site"


def configure(var_dir: str) -> dict[str, str]:
    env = bench_env(
        var_dir,
        DJANGO_SETTINGS_MODULE=SETTINGS,
        SECRET_KEY="bench-only-Hq4Tz8Lw2Rc6Vn1Yp9Kd3Gm7",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        CAMPAIGNS_SIGNUP_RATE_LIMIT=str(10**9),
    )
    env.pop("REDIS_URL", None)
    env.pop("DEBUG", None)
    return env


def median_seconds(function, runs: int = 5) -> float:
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def generate_subscribers(count: int) -> dict:
    """Subscribers with random facets; about 60 % active on MINT-Update, 50 % on each other channel."""
    from campaigns.models import Channel, Role, Subscriber, Subscription
    from campaigns.models.audiences import MULTI_VALUED_FACETS
    from page_types.models import GradeBand, MintSubject, Municipality, Topic

    rng = random.Random(4)
    channels = [
        Channel.objects.create(name="MINT-Update", slug="mint-update"),
        Channel.objects.create(name="Wirtschaft im Landkreis", slug="wirtschaft-im-landkreis"),
        Channel.objects.create(name="Leuchttürme & Innovation", slug="leuchttuerme"),
    ]
    towns = list(Municipality.objects.all())
    terms = {
        "grade_bands": list(GradeBand.objects.all()),
        "subjects": list(MintSubject.objects.all()),
        "topics": list(Topic.objects.all()),
    }
    roles = [value for value, _label in Role.choices]
    statuses = [Subscription.Status.ACTIVE] * 6 + [
        Subscription.Status.PENDING,
        Subscription.Status.UNSUBSCRIBED,
    ]
    batch = 5000
    for start in range(0, count, batch):
        subscribers = Subscriber.objects.bulk_create(
            Subscriber(
                email=f"leser{n}@example.org",
                role=rng.choice(roles),
                language="de" if rng.random() < 0.9 else "en",
                municipality=rng.choice(towns) if rng.random() < 0.8 else None,
            )
            for n in range(start, min(start + batch, count))
        )
        Subscription.objects.bulk_create(
            Subscription(subscriber=subscriber, channel=channel, status=rng.choice(statuses))
            for subscriber in subscribers
            for channel in channels
            if rng.random() < (0.8 if channel.slug == "mint-update" else 0.6)
        )
        for relation, choices in terms.items():
            through = getattr(Subscriber, relation).through
            rows = [
                through(subscriber_id=subscriber.pk, **{MULTI_VALUED_FACETS[relation]: term.pk})
                for subscriber in subscribers
                for term in rng.sample(choices, rng.randint(0, 2))
            ]
            through.objects.bulk_create(rows)
    return {"channels": channels, "towns": towns, **terms}


def audiences(data: dict) -> list:
    from campaigns.models import Audience

    mint, wirtschaft, _leuchttuerme = data["channels"]
    built = [Audience(name="Alle von MINT-Update", channel=mint)]
    built.append(Audience(name="Wirtschaft in drei Kommunen", channel=wirtschaft))
    built.append(Audience(name="MINT: Mittelstufe, Informatik oder Technik", channel=mint))
    built.append(Audience(name="Alle Kanäle: Lehrkräfte, Deutsch", roles=["teacher"], languages=["de"]))
    for audience in built:
        audience.save()
    built[1].municipalities.set(data["towns"][:3])
    built[2].grade_bands.set(
        [band for band in data["grade_bands"] if band.slug in ("klasse-5-7", "klasse-8-10")]
    )
    built[2].subjects.set([s for s in data["subjects"] if s.slug in ("informatik", "technik")])
    for audience in built:
        audience.save()
    return [Audience.objects.get(pk=audience.pk) for audience in built]


def bench_audiences(count: int) -> float:
    from django.core.management import call_command
    from django.db import connection

    print(f"migrating a fresh database and generating {count:,} subscribers …", flush=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    data = generate_subscribers(count)
    print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def raw_count(sql: str, *params) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchone()

    plain = median_seconds(lambda: raw_count("SELECT COUNT(*) FROM campaigns_subscriber"))
    print(f"SELECT COUNT(*) FROM campaigns_subscriber: {plain * 1000:.2f} ms (SQLite counts b-tree pages)")
    # The ceiling: the one-table count that any audience of a channel must at least do.
    channel_id = data["channels"][0].pk
    ceiling = median_seconds(
        lambda: raw_count(
            "SELECT COUNT(*) FROM campaigns_subscription WHERE channel_id = %s AND status = 'active'",
            channel_id,
        )
    )
    print(f"ceiling: active subscriptions of one channel, one table: {ceiling * 1000:.1f} ms")
    slowest = 0.0
    for audience in audiences(data):
        seconds = median_seconds(audience.count)
        slowest = max(slowest, seconds)
        print(f"audience {audience.name!r}: {audience.count():,} recipients in {seconds * 1000:.1f} ms")
    print(f"slowest audience count: {slowest * 1000:.1f} ms over {count:,} subscribers")
    ratio = ceiling / slowest
    print(f"audience_ratio={ratio:.3f}  (ceiling time ÷ slowest audience time)")
    return ratio


def request(port: int, method: str, path: str, body: dict | None = None) -> tuple[int, float]:
    """One request on a fresh connection (gunicorn's sync workers close each one); (status, seconds)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    payload = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if body is not None else {}
    started = time.perf_counter()
    try:
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except OSError:
        return 0, time.perf_counter() - started
    finally:
        connection.close()


def drive(port: int, concurrency: int, calls: list[tuple]) -> tuple[float, list[tuple[tuple, int, float]]]:
    """Send the calls from ``concurrency`` clients until done or ``PHASE_SECONDS`` have passed.

    Returns the elapsed time and (call, status, seconds) for every call that was sent; calls still waiting
    at the deadline are not sent, so a busy machine shortens the run instead of prolonging it.
    """
    waiting = collections.deque(calls)
    results: list[tuple[tuple, int, float]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + PHASE_SECONDS

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                if not waiting:
                    return
                call = waiting.popleft()
            status, seconds = request(port, *call)
            with lock:
                results.append((call, status, seconds))

    started = time.perf_counter()
    clients = [threading.Thread(target=client) for _n in range(concurrency)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    return time.perf_counter() - started, results


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited early")
        if request(port, "GET", "/bench/ping/")[0] == 200:
            return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 60 s")


def spread(latencies: list[float]) -> str:
    ordered = sorted(latencies)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    return f"p50 {at(0.5):.1f} ms, p99 {at(0.99):.1f} ms"


def bench_signups(env: dict[str, str], signups: int, concurrency: int) -> float:
    from django.db import connections

    from campaigns.models import Subscriber

    connections.close_all()  # the server's workers write; this process only reads afterwards
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "cms.wsgi"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_up(port, server)
        ping_seconds, pings = drive(port, concurrency, [("GET", "/bench/ping/")] * signups)
        calls = [
            (
                "POST",
                "/api/v1/subscriptions",
                {
                    "email": f"neu{n}@example.org",
                    "channels": ["mint-update"],
                    "consent": True,
                    "municipality": "asperg",
                    "grade_bands": ["klasse-8-10"],
                },
            )
            for n in range(signups)
        ]
        signup_seconds, answers = drive(port, concurrency, calls)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    accepted = [call[2]["email"] for call, status, _s in answers if status == 202]
    errors = len(answers) - len(accepted)
    stored = Subscriber.objects.filter(email__in=accepted).count()
    ceiling_rate = len(pings) / ping_seconds
    rate = len(answers) / signup_seconds
    print(
        f"ceiling: trivial view, {concurrency} clients, {len(pings)} requests: {ceiling_rate:.0f} req/s, "
        f"{spread([s for _c, _st, s in pings])}"
    )
    print(
        f"sign-ups via POST /api/v1/subscriptions, {concurrency} clients, {len(answers)} sent: {rate:.1f}/s, "
        f"{spread([s for _c, _st, s in answers])}"
    )
    print(f"answers other than 202: {errors}; accepted sign-ups stored: {stored} of {len(accepted)}")
    if errors or stored != len(accepted) or any(status != 200 for _c, status, _s in pings):
        raise SystemExit("FAILED: errors, or an accepted sign-up without its row")
    return rate / ceiling_rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--signups", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    arguments = parser.parse_args()
    if not 1 <= arguments.concurrency <= 32:
        parser.error("--concurrency must be between 1 and 32")

    with tempfile.TemporaryDirectory(prefix="leuchtturm-bench-") as var_dir:
        env = configure(var_dir)
        import django

        django.setup()
        bench_audiences(arguments.subscribers)
        ratio = bench_signups(env, arguments.signups, arguments.concurrency)
    print(f"ratio={ratio:.3f}")


if __name__ == "__main__":
    main()

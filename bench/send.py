"""Benchmark: an issue to 20,000 generated subscribers in about 40 variants, sent end to end to a local
SMTP sink, against a raw ``smtplib`` loop to the same sink as the ceiling (measured in the same run).

    .venv/bin/python bench/send.py [--subscribers 20000] [--sink fast|aiosmtpd] [--worker-python PATH]

Runs on a throw-away SQLite database (or ``BENCH_DATABASE_URL``). The sink is a separate process that
counts messages, so neither the engine nor the ceiling shares a process with it: by default the minimal
receiver ``bench/fast_smtp_sink.py``, whose cost per message is far below the engine's, so that the ceiling
is the wire's and not the sink's; ``--sink aiosmtpd`` measures against aiosmtpd as earlier figures did.
The engine's workers are processes running ``send_inline`` (what ``send_campaign --inline`` runs: the
batches a qcluster worker runs), timed from their first claim, since a qcluster worker is already running
when an issue starts: a worker's clock starts once Django, the engine and the URL configuration are loaded
(which a qcluster worker does once, at its first task), and the memory it holds then is printed as its import
cost. "1 worker" and "2 workers" each send a fresh issue. Prints messages per second, render time per
variant, import cost and peak memory;
the last line is ``ratio=<engine with 1 worker ÷ ceiling>``.
"""

import argparse
import random
import secrets
import shutil
import smtplib
import subprocess
import sys
import tempfile
import time

from benchenv import ROOT, bench_env, free_port  # also puts the project on sys.path

AIOSMTPD_SINK = """
import asyncio, sys
from aiosmtpd.controller import Controller

class Count:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Count.count += 1
        return "250 OK"

controller = Controller(Count(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
print(Count.count, flush=True)
"""
WORKER_PYTHON_HELP = (
    "the interpreter of the sending processes, e.g. a production virtualenv without the dev extras (whose "
    "optional imports, such as lxml, Django REST framework's and BeautifulSoup's, a worker would load too)"
)
SINKS = {
    "fast": [str(ROOT / "bench" / "fast_smtp_sink.py")],
    "aiosmtpd": ["-c", AIOSMTPD_SINK],
}


def configure(var_dir: str, port: int) -> dict[str, str]:
    """Production settings (``DEBUG`` off: with it on, Django keeps the SQL of every query a worker runs)
    with mail to the sink on ``port``."""
    return bench_env(
        var_dir,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        CAMPAIGNS_BATCH_SIZE="500",
        CAMPAIGNS_RECORD_EVERY="250",
        CAMPAIGNS_SEND_CONCURRENCY="2",
    )


def build_content(subscribers: int) -> list[int]:
    """Pages and readers whose facets give 8 news sets × 5 offer sets = 40 variants; two issues."""
    from campaigns.models import Campaign

    channel = build_readers(build_pages(), subscribers)
    return [
        Campaign.objects.create(channel=channel, subject=f"Benchmark {n}", intro="<p>Hallo</p>").pk
        for n in (1, 2)
    ]


def build_pages() -> tuple[list, list]:
    """7 news items (6 for single towns, 1 for the district) and one MINT offer per subject; returns the 8
    towns and the subjects that readers are given."""
    from page_types.models import MintSubject, Municipality
    from tests.factories import make_news, make_offer, make_site

    site = make_site()
    towns = list(Municipality.objects.order_by("slug")[:8])
    for town in towns[:6]:
        make_news(site["news"], f"Neues aus {town.name}", municipalities=[town.slug])
    make_news(site["news"], "Der Landkreis in Zahlen")
    subjects = list(MintSubject.objects.all())
    for subject in subjects:
        make_offer(site["mint"], f"Werkstatt {subject.name}", subjects=[subject.slug], grade_bands=[])
    return towns, subjects


def build_readers(pages: tuple[list, list], subscribers: int, slug: str = "benchmark"):
    """A channel of its own with ``subscribers`` active readers spread over the towns and subjects."""
    from django.utils import timezone

    from campaigns.models import Channel, Subscriber, Subscription

    towns, subjects = pages
    channel = Channel.objects.create(name=f"Benchmark {slug}", slug=slug)
    rng = random.Random(5)
    people = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"leser{n}@{slug}.example",
            name=rng.choice(["", "Alex Beispiel", "Jörg Muster"]),
            municipality=rng.choice([*towns, None]),
        )
        for n in range(subscribers)
    )
    through = Subscriber.subjects.through
    through.objects.bulk_create(
        through(subscriber_id=person.pk, mintsubject_id=subject.pk)
        for person in people
        if (subject := rng.choice([*subjects, None]))
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=person, channel=channel, status="active", confirmed_at=timezone.now())
        for person in people
    )
    return channel


def prepare(campaign_id: int) -> tuple[int, float]:
    """Freeze and render the issue; return its number of variants and the render time per variant."""
    from unittest import mock

    from campaigns.models import Variant
    from campaigns.rendering import campaign as campaign_rendering
    from campaigns.sending import control, freeze

    spent = []
    original = campaign_rendering.CampaignRenderer.render

    def timed(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent.append(time.perf_counter() - started)

    control.begin(campaign_id)
    with mock.patch.object(campaign_rendering.CampaignRenderer, "render", timed):
        freeze.prepare(campaign_id)
    variants = Variant.objects.filter(campaign_id=campaign_id).count()
    return variants, sum(spent) / max(1, len(spent))


def ceiling(port: int, message: bytes, count: int) -> float:
    """Messages per second of a raw smtplib loop over one connection with a pre-built message."""
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as connection:
        for n in range(count):
            connection.sendmail("newsletter@localhost", [f"leser{n}@bench.example"], message)
    return count / (time.perf_counter() - started)


WORKER = """
import cProfile, os, sys, time
def peak_kib():  # this process's own high-water mark (ru_maxrss would include the bench's, from before exec)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
import django
django.setup()
from django.urls import get_resolver
from campaigns.sending.inline import send_inline
get_resolver().url_patterns  # loaded by a qcluster worker's first task, and kept
imported = peak_kib()
profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") else None
started = time.perf_counter()
if profile:
    profile.runcall(send_inline, int(sys.argv[1]))
    profile.dump_stats(os.environ["BENCH_PROFILE"])
else:
    send_inline(int(sys.argv[1]))
print(time.perf_counter() - started, imported, peak_kib())
"""


def engine(
    campaign_id: int, workers: int, env: dict[str, str], python: str = sys.executable
) -> tuple[float, float, int, int]:
    """Messages per second of ``workers`` sending processes: over the time they spent sending (as a running
    qcluster worker would), and including their start-up; the largest worker's resident memory in KiB once
    Django, the engine and the URL configuration are loaded (its import cost), and its peak. With
    ``BENCH_PROFILE`` in ``env``, a single worker runs under ``cProfile`` and writes its statistics there.
    ``python`` runs the workers (another virtualenv: a production install without the dev extras)."""
    from campaigns.models import Delivery

    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [python, "-c", WORKER, str(campaign_id)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _worker in range(workers)
    ]
    reports = [process.communicate(timeout=1800)[0].split() for process in processes]
    assert all(process.returncode == 0 for process in processes)
    elapsed = time.perf_counter() - started
    sending = max(float(report[-3]) for report in reports)
    imported = max(int(report[-2]) for report in reports)
    peak = max(int(report[-1]) for report in reports)
    sent = Delivery.objects.filter(campaign_id=campaign_id, status="sent").count()
    return sent / sending, sent / elapsed, imported, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--sink", choices=sorted(SINKS), default="fast")
    parser.add_argument("--profile", metavar="FILE", help="profile the 1-worker run with cProfile into FILE")
    parser.add_argument("--worker-python", default=sys.executable, help=WORKER_PYTHON_HELP)
    arguments = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="leuchtturm-bench-")
    port = free_port()
    env = configure(var_dir, port)
    sink = subprocess.Popen(
        [sys.executable, *SINKS[arguments.sink], str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert sink.stdout.readline().strip() == "ready"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        single, double = build_content(arguments.subscribers)
        variants, render_seconds = prepare(single)
        prepare(double)

        from campaigns.models import Campaign
        from campaigns.sending.variant_cache import variant_mail

        campaign = Campaign.objects.select_related("channel").get(pk=single)
        sample = campaign.variants.order_by("-recipient_count").first()
        mail = variant_mail(campaign, sample)
        from campaigns.rendering.personalise import sample_personal

        raw = mail.message(
            to="leser0@bench.example",
            message_id="<bench@localhost>",
            list_unsubscribe="<https://localhost/>",
            personal=sample_personal("de"),
        ).raw
        top = ceiling(port, raw, arguments.subscribers)
        one, one_with_start, imported_one, peak_one = engine(
            single,
            1,
            {**env, "BENCH_PROFILE": arguments.profile} if arguments.profile else env,
            arguments.worker_python,
        )
        two, two_with_start, imported, peak = engine(double, 2, env, arguments.worker_python)
        imported, peak = max(imported, imported_one), max(peak, peak_one)
        from campaigns.models import Delivery

        expected = arguments.subscribers + Delivery.objects.filter(status="sent").count()
    finally:
        sink.stdin.close()
        received = sink.stdout.read().strip()
        sink.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)
    assert int(received) == expected, f"the sink received {received} messages, {expected} were sent"

    print(f"sink={arguments.sink} received={received}")
    print(f"subscribers={arguments.subscribers} variants={variants} message_bytes={len(raw)}")
    print(f"render_ms_per_variant={render_seconds * 1000:.1f}")
    print(f"ceiling_msgs_per_s={top:.0f}")
    print(f"engine_1_worker_msgs_per_s={one:.0f} with_process_start={one_with_start:.0f}")
    print(f"engine_2_workers_msgs_per_s={two:.0f} with_process_start={two_with_start:.0f}")
    print(f"ratio_2_workers={two / top:.2f}")
    print(f"import_rss_worker_mib={imported / 1024:.0f}")
    print(f"peak_rss_worker_mib={peak / 1024:.0f}")
    print(f"ratio={one / top:.2f}")


if __name__ == "__main__":
    main()

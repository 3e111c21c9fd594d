"""Benchmark: issues sent through real django-q2 clusters (the production path) at growing sizes.

    .venv/bin/python bench/send_cluster.py [--sizes 2000,10000] [--workers 1,2,4] [--broker orm|redis]
                                           [--worker-python PATH]

For each size a channel of its own gets that many generated readers in about 40 variants (as
``bench/send.py`` builds them); for each worker count a ``qcluster`` with ``Q_WORKERS`` workers (and
``CAMPAIGNS_SEND_CONCURRENCY`` chains of batches, one per worker) is started, a fresh issue is sent with
``send_now`` as the admin does, and the cluster is stopped. Messages go to ``bench/fast_smtp_sink.py`` in a
process of its own. Runs on a throw-away SQLite database or ``BENCH_DATABASE_URL`` (a database made for
it); ``--broker redis`` needs ``REDIS_URL`` (the queue's keys are named for this run and removed after).

Per run it prints:
- ``plan``: reading the readers' facets, ranking and grouping them (``freeze.plan``, in the bench's process);
- ``freeze``: the start task in the cluster, from the issue's start until it is frozen (plan again, one
  render per variant, one delivery row per recipient);
- ``send``: from frozen to sent; messages per second over it, and the seconds per 1,000 messages;
- ``cpu_per_1000``: CPU seconds of the cluster's processes per 1,000 messages (freeze and send), which a
  busy machine does not inflate as it does the wall-clock times;
- ``idle`` and ``peak``: the resident memory of the largest cluster process once started, before any task
  (the import cost: forked workers share it with their parent), and its high-water mark (``VmHWM``) by the
  end (import cost plus working set).

The last two lines are ``peak_rss_worker_mib=<largest process of all runs>`` and ``ratio=<seconds per 1,000
messages (freeze and send, 1 worker) at the largest size ÷ at the smallest>``: 1.0 is linear growth.
"""

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchenv import ROOT, free_port  # also puts the project on sys.path
from send import SINKS, WORKER_PYTHON_HELP, build_pages, build_readers, configure

POLL_SECONDS = 0.05
# A cluster runs its own process, a sentinel, a pusher and a monitor besides its workers.
CLUSTER_PROCESSES = 4
CLUSTER_START_TIMEOUT_SECONDS = 120
RUN_TIMEOUT_SECONDS = 1800


@dataclass
class Run:
    size: int
    workers: int
    plan: float
    freeze: float
    send: float
    cpu: float
    idle_kib: int
    peak_kib: int

    def line(self) -> str:
        per_1000 = 1000 / self.size
        return (
            f"subscribers={self.size} workers={self.workers} plan_s={self.plan:.2f} "
            f"freeze_s={self.freeze:.2f} send_s={self.send:.2f} msgs_per_s={self.size / self.send:.0f} "
            f"send_s_per_1000={self.send * per_1000:.2f} cpu_s_per_1000={self.cpu * per_1000:.2f} "
            f"idle_mib={self.idle_kib / 1024:.0f} peak_mib={self.peak_kib / 1024:.0f}"
        )


def session_processes(session: int) -> dict[int, tuple[float, int, int]]:
    """CPU seconds, resident and peak resident KiB of each live process in the session ``session``."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:
                continue
            status = dict(
                line.split(":", 1) for line in (entry / "status").read_text().splitlines() if ":" in line
            )
            found[int(entry.name)] = (
                (int(fields[11]) + int(fields[12])) / ticks,
                int(status["VmRSS"].split()[0]),
                int(status["VmHWM"].split()[0]),
            )
        except (FileNotFoundError, ProcessLookupError, KeyError, IndexError):
            continue  # gone while read, or a kernel thread
    return found


class Cluster:
    """A ``qcluster`` in a session of its own, watched through ``/proc``."""

    def __init__(self, env: dict[str, str], log: Path, workers: int, python: str) -> None:
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [python, "manage.py", "qcluster"],
                env=env,
                cwd=ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.cpu: dict[int, float] = {}
        self.peak: dict[int, int] = {}
        deadline = time.monotonic() + CLUSTER_START_TIMEOUT_SECONDS
        while len(session_processes(self.process.pid)) < workers + CLUSTER_PROCESSES:
            assert time.monotonic() < deadline and self.process.poll() is None, (
                f"qcluster did not start, see {log}"
            )
            time.sleep(0.2)

    def sample(self) -> tuple[float, int]:
        """Total CPU seconds of the cluster's processes so far (also of those that ended since the last
        sample) and the largest resident memory now."""
        largest = 0
        for pid, (cpu, rss, peak) in session_processes(self.process.pid).items():
            self.cpu[pid] = cpu
            self.peak[pid] = max(peak, self.peak.get(pid, 0))
            largest = max(largest, rss)
        return sum(self.cpu.values()), largest

    def stop(self) -> None:
        """Stop the cluster and wait until none of its processes is left (they write to the cache and the
        broker until they end, so the keys are removed only after that)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        deadline = time.monotonic() + 30
        while session_processes(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


def send_one(channel, size: int, workers: int, env: dict[str, str], log: Path, python: str) -> Run:
    """Send a fresh issue of ``channel`` through a cluster of ``workers`` workers."""
    from campaigns.models import Campaign
    from campaigns.sending import control, freeze

    campaign = Campaign.objects.create(channel=channel, subject=f"Cluster {workers}", intro="<p>Hallo</p>")
    started = time.perf_counter()
    freeze.plan(campaign)
    planned = time.perf_counter() - started

    cluster = Cluster(
        {**env, "Q_WORKERS": str(workers), "CAMPAIGNS_SEND_CONCURRENCY": str(workers)}, log, workers, python
    )
    try:
        cpu_before, idle = cluster.sample()
        control.send_now(campaign)
        started = time.perf_counter()
        frozen = None
        deadline = started + RUN_TIMEOUT_SECONDS
        while time.perf_counter() < deadline:
            cluster.sample()
            state = Campaign.objects.filter(pk=campaign.pk).values_list("prepared_at", "status").get()
            if frozen is None and state[0] is not None:
                frozen = time.perf_counter()
            if state[1] in (Campaign.Status.SENT, Campaign.Status.FAILED):
                break
            time.sleep(POLL_SECONDS)
        finished = time.perf_counter()
        cpu_after, _rss = cluster.sample()
        assert state[1] == Campaign.Status.SENT, f"campaign {campaign.pk} is {state[1]}, see {log}"
    finally:
        cluster.stop()
    sent = campaign.deliveries.filter(status="sent").count()
    assert sent == size, f"{sent} of {size} sent"
    peak = max(cluster.peak.values())
    return Run(
        size, workers, planned, frozen - started, finished - frozen, cpu_after - cpu_before, idle, peak
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,10000", help="comma-separated numbers of subscribers")
    parser.add_argument("--workers", default="1,2,4", help="comma-separated Q_WORKERS")
    parser.add_argument("--broker", choices=["orm", "redis"], default="orm")
    parser.add_argument("--worker-python", default=sys.executable, help=WORKER_PYTHON_HELP)
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    worker_counts = [int(count) for count in arguments.workers.split(",")]

    var_dir = tempfile.mkdtemp(prefix="leuchtturm-bench-")
    port = free_port()
    prefix = f"bench-send-{os.getpid()}"
    extra = {"Q_BROKER": arguments.broker, "REDIS_KEY_PREFIX": prefix, "Q_POLL": "0.1"}
    if arguments.broker == "redis":
        assert os.environ.get("REDIS_URL"), "--broker redis needs REDIS_URL"
    env = {**configure(var_dir, port), **extra}
    os.environ.update(extra)
    sink = subprocess.Popen(
        [sys.executable, *SINKS["fast"], str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    runs = []
    try:
        assert sink.stdout.readline().strip() == "ready"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        pages = build_pages()
        for size in sizes:
            channel = build_readers(pages, size, slug=f"cluster-{size}")
            for workers in worker_counts:
                log = Path(var_dir) / "qcluster.log"
                runs.append(send_one(channel, size, workers, env, log, arguments.worker_python))
                print(runs[-1].line(), flush=True)
    finally:
        sink.stdin.close()
        received = sink.stdout.read().strip()
        sink.wait(timeout=30)
        if arguments.broker == "redis":
            import redis

            keys = redis.Redis.from_url(os.environ["REDIS_URL"])
            for key in keys.scan_iter(f"*{prefix}*"):
                keys.delete(key)
        shutil.rmtree(var_dir, ignore_errors=True)
    expected = sum(run.size for run in runs)
    assert int(received) == expected, f"the sink received {received} messages, {expected} were sent"

    def per_1000(run: Run) -> float:
        return (run.freeze + run.send) * 1000 / run.size

    single = [run for run in runs if run.workers == min(worker_counts)]
    print(f"broker={arguments.broker} received={received}")
    print(f"peak_rss_worker_mib={max(run.peak_kib for run in runs) / 1024:.0f}")
    print(f"ratio={per_1000(single[-1]) / per_1000(single[0]):.2f}")


if __name__ == "__main__":
    main()

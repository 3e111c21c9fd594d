"""Run every benchmark at its default size, one after another, and write their figures as one table.

    .venv/bin/python bench/all.py [NAME ...]        # what ``make bench`` runs; names pick some (api feeds)

A benchmark is each script in this directory except the helpers in ``HELPERS``; every one ends its output
with ``ratio=…``. They run one at a time, since each measures against a ceiling on the same machine and two
at once would measure each other. Each one's output is shown as it runs; the table in ``bench/results.md``
(printed at the end too) gives per benchmark its ratio, the other ``name=value`` figures of its last lines,
its duration (a benchmark should finish within 5 minutes), when it ended and the load average (``uptime``)
then, since the machine's other work is part of every figure.
"""

import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.md"
# Modules the benchmarks import or start, and this runner: not benchmarks themselves.
HELPERS = {"all", "api_outputs", "benchenv", "fast_smtp_sink", "subscriptions_site", "subscriptions_urls"}
# The figures taken from the end of a benchmark's output.
TAIL_LINES = 3
FIGURE = re.compile(r"[a-z_]+=\S+")
TIME_LIMIT_SECONDS = 300


def benchmarks(names: list[str]) -> list[Path]:
    """The benchmark scripts, all of them or those named."""
    found = sorted(path for path in BENCH.glob("*.py") if path.stem not in HELPERS)
    unknown = set(names) - {path.stem for path in found}
    if unknown:
        raise SystemExit(f"no benchmark named {', '.join(sorted(unknown))}")
    return [path for path in found if not names or path.stem in names]


def figures(lines: list[str]) -> tuple[str, str]:
    """The ratio of the last line and the other ``name=value`` figures of the last lines (without any, the
    line before the ratio)."""
    ratio = lines[-1].removeprefix("ratio=") if lines and lines[-1].startswith("ratio=") else "–"
    before = lines[-TAIL_LINES:-1]
    pairs = [word for line in before for word in line.split() if FIGURE.fullmatch(word)]
    return ratio, " ".join(pairs) or " ".join(before[-1].split() if before else [])


def run(script: Path) -> str:
    """Run one benchmark, showing its output, and return its row of the table."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(script)], cwd=BENCH.parent, stdout=subprocess.PIPE, text=True
    )
    lines = []
    for line in process.stdout:
        print(line, end="", flush=True)
        if line.strip():
            lines.append(line.strip())
    returncode = process.wait()
    seconds = time.monotonic() - started
    ratio, others = figures(lines)
    if returncode:
        ratio = f"failed (exit {returncode})"
    duration = f"{seconds:.0f} s" + (" (over 5 min)" if seconds > TIME_LIMIT_SECONDS else "")
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    ended = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"| {script.stem} | {ratio} | {others} | {duration} | {ended} | {load} |"


def main() -> None:
    rows = []
    for script in benchmarks(sys.argv[1:]):
        print(f"== {script.name}", flush=True)
        rows.append(run(script))
    table = "\n".join(
        [
            "| bench | ratio | other figures | duration | ended | load average (1, 5, 15 min) |",
            "| --- | --- | --- | --- | --- | --- |",
            *rows,
        ]
    )
    RESULTS.write_text(table + "\n")
    print(f"\n{table}\n\n(written to {RESULTS.relative_to(BENCH.parent)})")


if __name__ == "__main__":
    main()

"""Benchmark of what makes the site findable, on the demo content: site search, sitemap, a page's head with
its JSON-LD, and the OpenAPI document.

It prepares a throw-away database (``migrate``, ``load_demo`` and ``collectstatic`` for the production static
files storage; ``BENCH_DATABASE_URL`` for another database),
then requests each path in this process through Django's test client — the whole middleware, no network —
first once to fill caches, then ``--repeat`` times, and prints the median and 90th percentile of the time
and the number of database queries of one request. ``/api/health/``, a trivial JSON view behind the same
middleware, is measured the same way as the ceiling; the last line is
``ratio=<ceiling median ÷ the slowest path's median>``.

    .venv/bin/python bench/findability.py [--repeat 30]
"""

import argparse
import statistics
import tempfile
import time

from benchenv import demo_site  # also puts the project on sys.path

CEILING_PATH = "/api/health/"
PATHS = (
    "/suche/?q=Roboter",
    "/suche/?q=Roboter&family=mint-angebote&municipality=bietigheim-bissingen",
    "/suche/?topic=mensch",
    "/suche/?q=Robtoer",
    "/sitemap.xml",
    "/mint/robotik-ag-maehroboter/",
    "/api/openapi.json",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leuchtturm-bench-") as var_dir:
        client = demo_site(var_dir)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        medians = {}
        for path in (CEILING_PATH, *PATHS):
            assert client.get(path).status_code == 200, path
            seconds = []
            for _ in range(arguments.repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    client.get(path)
                    seconds.append(time.perf_counter() - started)
            p90 = statistics.quantiles(seconds, n=10)[-1]
            medians[path] = statistics.median(seconds)
            print(
                f"{path:<75} median {medians[path] * 1000:6.1f} ms"
                f"   p90 {p90 * 1000:6.1f} ms   {len(queries):3d} queries"
            )
        print(f"ratio={medians[CEILING_PATH] / max(medians[path] for path in PATHS):.3f}")


if __name__ == "__main__":
    main()

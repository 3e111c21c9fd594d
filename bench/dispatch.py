"""Benchmark of the dispatch page ("Vorschau & Versand") of the demo's issues, against the issues' list.

It prepares a throw-away database (``migrate``, ``load_demo``, ``collectstatic``; ``BENCH_DATABASE_URL``
for another database), logs a superuser in and requests, through Django's test client in this process,
each demo issue's dispatch page and — as the ceiling measured in the same run — Wagtail's own listing of
the issues: first once to fill caches, then ``--repeat`` times. Prints per page the variants, the median
and 90th percentile, the queries of one request and the ratio to the listing's median; the last line is
``ratio=<listing median ÷ the slowest dispatch page's median>``. The page plans
every reader's variant on each load but renders none (previews load when a variant is opened), so its
time grows with the readers, not with the variants' HTML. ``--readers N`` keeps only the first N demo
subscribers, for fewer variants (about 40 with 45 readers).

    .venv/bin/python bench/dispatch.py [--repeat 20] [--readers N]
"""

import argparse
import statistics
import tempfile
import time

from benchenv import demo_site  # also puts the project on sys.path


def timed(client, path: str, repeat: int) -> tuple[float, float, int]:
    """Median and 90th percentile in seconds, and the queries of one request, of ``repeat`` GETs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(path).status_code == 200, path
    seconds = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(path)
            seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), statistics.quantiles(seconds, n=10)[-1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--readers", type=int, default=0, help="keep only the first N demo subscribers")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leuchtturm-bench-") as var_dir:
        client = demo_site(var_dir)
        from django.contrib.auth import get_user_model
        from django.urls import reverse

        from campaigns.admin.issue_overview import overview
        from campaigns.models import Campaign, Subscriber

        if arguments.readers:
            keep = Subscriber.objects.order_by("pk").values_list("pk", flat=True)[: arguments.readers]
            Subscriber.objects.exclude(pk__in=list(keep)).delete()
        client.force_login(get_user_model().objects.create_superuser("bench", "bench@example.org", "x"))
        listing, p90, queries = timed(client, reverse("campaigns_campaign:list"), arguments.repeat)
        print(
            f"{'Newsletter-Ausgaben (ceiling)':<57} median {listing * 1000:6.1f} ms"
            f"   p90 {p90 * 1000:6.1f} ms"
        )
        slowest = listing
        for campaign in Campaign.objects.order_by("pk"):
            path = reverse("campaigns_campaign:dispatch", args=[campaign.pk])
            variants = len(overview(campaign).variants)
            median, p90, queries = timed(client, path, arguments.repeat)
            print(
                f"{campaign.subject[:44]:<44} {variants:4d} variants"
                f"   median {median * 1000:6.1f} ms   p90 {p90 * 1000:6.1f} ms   {queries:3d} queries"
                f"   {median / listing:5.1f}× the listing"
            )
            slowest = max(slowest, median)
        print(f"ratio={listing / slowest:.3f}")


if __name__ == "__main__":
    main()

"""Benchmark: the four outlets of a channel with 500 items, built from scratch (cold) and from the cache.

    .venv/bin/python bench/feeds.py [--items 500] [--repeat 5]

Runs on a throw-away SQLite database (or ``BENCH_DATABASE_URL``) with the local-memory cache. The channel
admits every family; half of its pages are news, half MINT offers with two dates each, every page has its own
listing image. Requests go through Django's test client, so middleware and URL routing are included. Before
timing, one request per URL generates the image renditions, as on a running site (that first fetch is
reported apart). "Cold" clears the cache before each request; "cached" repeats the request; "304" revalidates
with the ETag. Prints the median time and the queries of each, for the default limit (50 items) and for
``limit=500``; the line before the last gives the cold time of each 500-item outlet (``rss_cold_ms=…``), the
last line is ``ratio=<cold ÷ cached, summed over the four 500-item outlets>``.
"""

import argparse
import statistics
import tempfile
import time

from benchenv import bench_env  # also puts the project on sys.path


def configure(var_dir: str) -> None:
    bench_env(var_dir, DEBUG="1", ALLOWED_HOSTS="localhost")


def build_content(items: int) -> str:
    """A site, a channel for every family and ``items`` pages below it; returns the channel's slug."""
    from datetime import timedelta

    from django.test import override_settings
    from django.utils import timezone

    from campaigns.models import Channel
    from page_types.models import InternalNewsPage, MintOccurrence, MintOfferPage, Topic
    from tests.factories import make_image, make_site

    site = make_site()
    topics = list(Topic.objects.filter(name__in=["Mensch", "Raum"]))
    # Saved without revisions and search indexing: feeds read live rows, and indexing would dominate.
    no_indexing = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
    with override_settings(WAGTAILSEARCH_BACKENDS=no_indexing):
        for number in range(items):
            image = make_image(f"bench-{number}", size=(64, 36))
            if number % 2:
                page = MintOfferPage(title=f"Angebot {number}", kind="workshop", location="Ludwigsburg")
                begin = timezone.now() + timedelta(days=number % 300 + 1)
                page.occurrences = [
                    MintOccurrence(start=begin, end=begin + timedelta(hours=2), place="Raum 1"),
                    MintOccurrence(start=begin + timedelta(days=7)),
                ]
                parent = site["mint"]
            else:
                page = InternalNewsPage(title=f"Nachricht {number}")
                parent = site["news"]
            page.teaser = f"Kurzer Text zu Eintrag {number}."
            page.listing_image, page.listing_image_alt = image, f"Bild {number}"
            page.topics = topics
            page.publish_date = timezone.localdate() - timedelta(days=number % 365)
            parent.add_child(instance=page)
    Channel.objects.create(name="Benchmark", slug="benchmark")
    return "benchmark"


def timed(client, url: str, repeat: int, *, clear: bool = False, **headers) -> tuple[float, int, int]:
    """Median seconds, queries of the last request and the status of ``repeat`` requests to ``url``."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(repeat):
        if clear:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, **headers)
            times.append(time.perf_counter() - start)
    return statistics.median(times), len(queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="leuchtturm-bench-feeds-") as var_dir:
        configure(var_dir)
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        slug = build_content(args.items)
        print(f"built {args.items} pages with images in {time.perf_counter() - started:.1f} s")

        client = Client(HTTP_HOST="localhost")
        print(
            f"{'outlet':<18}{'bytes':>9}{'first':>9}{'cold':>9}{'q':>4}{'cached':>9}{'q':>4}{'304':>9}{'q':>4}"
        )
        cold_total = cached_total = 0.0
        cold_figures = []
        for outlet in ("rss", "atom", "json", "ics"):
            for query in ("", f"?limit={args.items}"):
                if outlet == "ics" and query:
                    continue  # the calendar's default is already every date (up to the cap)
                url = f"/feeds/{slug}/{outlet}/{query}"
                start = time.perf_counter()
                response = client.get(url)  # generates the renditions
                first = time.perf_counter() - start
                assert response.status_code == 200, response.content[:300]
                cold, cold_queries, _ = timed(client, url, args.repeat, clear=True)
                etag = client.get(url)["ETag"]  # clearing the cache started a new version
                cached, cached_queries, _ = timed(client, url, args.repeat * 4)
                revalidated, revalidated_queries, status = timed(
                    client, url, args.repeat * 4, HTTP_IF_NONE_MATCH=etag
                )
                assert status == 304
                label = f"{outlet}{' ' + query if query else ''}"
                print(
                    f"{label:<18}{len(response.content):>9}{first * 1000:>7.0f}ms{cold * 1000:>7.0f}ms"
                    f"{cold_queries:>4}{cached * 1000:>7.1f}ms{cached_queries:>4}"
                    f"{revalidated * 1000:>7.1f}ms{revalidated_queries:>4}"
                )
                if query or outlet == "ics":
                    cold_total += cold
                    cached_total += cached
                    cold_figures.append(f"{outlet}_cold_ms={cold * 1000:.0f}")
        print(
            f"cold {cold_total * 1000:.0f} ms, cached {cached_total * 1000:.1f} ms for the 500-item outlets"
        )
        print(" ".join(cold_figures))
        print(f"ratio={cold_total / cached_total:.1f}")


if __name__ == "__main__":
    main()

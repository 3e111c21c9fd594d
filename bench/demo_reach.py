"""Measurement: who gets what from the demo's draft issues — skip share and items per reader.

    .venv/bin/python bench/demo_reach.py

Loads the demo into a throw-away SQLite database (or ``BENCH_DATABASE_URL``) and plans each demo issue as
the dispatch page does (``campaigns.sending.freeze.plan``), without sending. Prints, per issue, the readers,
how many would be skipped (share in %), the variants and the distribution of items per reader; for the
lighthouse issue also how many readers get stories from at least two municipalities other than their own.
The last line is ``ratio=<readers who get an issue ÷ all readers, over every issue>``.
"""

import collections
import tempfile

from benchenv import bench_env  # also puts the project on sys.path


def main() -> None:
    with tempfile.TemporaryDirectory() as var_dir:
        bench_env(var_dir, DEBUG="1")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from campaigns.models import Campaign, Subscriber
        from campaigns.sending import freeze
        from cms.demo.loader import load_demo

        load_demo()
        all_readers = all_skipped = 0
        for issue in Campaign.objects.select_related("channel").order_by("channel__slug"):
            renderer, plans, unmatched = freeze.plan(issue)
            readers = sum(len(plan.subscriber_ids) for plan in plans) + len(unmatched)
            per_reader = collections.Counter()
            for plan in plans:
                per_reader[len(plan.page_ids)] += len(plan.subscriber_ids)
            per_reader[0] += len(unmatched)
            share = 100 * len(unmatched) / readers if readers else 0.0
            all_readers += readers
            all_skipped += len(unmatched)
            print(
                f"{issue.channel.slug}: {len(renderer.items)} items, {readers} readers, "
                f"{len(unmatched)} skipped ({share:.1f} %), {len(plans)} variants"
            )
            print("  items per reader: " + ", ".join(f"{n}: {c}" for n, c in sorted(per_reader.items())))
            if issue.channel.slug == "leuchttuerme":
                places = {item.page_id: item.facets.municipalities for item in renderer.items}
                home = dict(Subscriber.objects.values_list("pk", "municipality__slug"))
                others = collections.Counter()
                for plan in plans:
                    for pk in plan.subscriber_ids:
                        towns = set().union(*(places[p] for p in plan.page_ids)) - {home.get(pk)}
                        others[min(len(towns), 2)] += 1
                print(
                    "  readers by other municipalities in their stories (2 = two or more): "
                    + ", ".join(f"{n}: {c}" for n, c in sorted(others.items()))
                )

        print(f"ratio={(all_readers - all_skipped) / max(all_readers, 1):.3f}")


if __name__ == "__main__":
    main()

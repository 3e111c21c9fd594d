"""Benchmark: planning an issue's variants (who gets which ranked pages) for many subscribers.

    .venv/bin/python bench/plan.py [--subscribers 100000]

Loads the demo into a throw-away SQLite database (or ``BENCH_DATABASE_URL``), adds generated subscribers
to the "MINT-Update" channel with a realistic spread of facets (85 % name a municipality, most name one to
three subjects and one or two grade bands, some topics, 8 % read English, 5 % narrow MINT offers to a
radius where the code knows radii), and times ``campaigns.sending.freeze.plan`` for the demo's MINT issue —
what the dispatch page and the start of sending do. Prints the planning time, the variant count and the
readers skipped, and the render time of a sample of variants (MJML once per variant) with the estimate for
all of them. Runs unchanged on code before the ranking (no radius there), for comparison. The last line is
``ratio=<variants ÷ readers planned>``: how many renders segmented rendering needs per reader (one per
variant instead of one per reader).
"""

import argparse
import random
import tempfile
import time

from benchenv import bench_env  # also puts the project on sys.path

# Variants rendered to measure the render time per variant.
SAMPLE = 50


def add_subscribers(count: int) -> None:
    from campaigns.models import Channel, Subscriber, Subscription
    from page_types.models import GradeBand, MintSubject, Municipality, Topic

    rng = random.Random(14)
    towns = list(Municipality.objects.all())
    subjects, bands = list(MintSubject.objects.all()), list(GradeBand.objects.all())
    topics = list(Topic.objects.filter(parent__isnull=False))
    radius = any(field.name == "mint_radius_km" for field in Subscriber._meta.fields)
    people = []
    for number in range(count):
        extra = {"mint_radius_km": rng.choice([5, 10, 15, 25])} if radius and rng.random() < 0.05 else {}
        people.append(
            Subscriber(
                email=f"leser{number}@plan.example",
                language="en" if rng.random() < 0.08 else "de",
                municipality=rng.choice(towns) if rng.random() < 0.85 else None,
                **extra,
            )
        )
        people[-1].wants = (
            rng.sample(subjects, rng.choice([0, 1, 1, 2, 3])),
            rng.sample(bands, rng.choice([0, 1, 1, 2])),
            rng.sample(topics, rng.choice([0, 0, 1, 2])),
        )
    Subscriber.objects.bulk_create(people, batch_size=2000)
    ids = dict(Subscriber.objects.filter(email__endswith="@plan.example").values_list("email", "pk"))
    for index, relation in enumerate(("subjects", "grade_bands", "topics")):
        through = getattr(Subscriber, relation).through
        column = getattr(Subscriber, relation).field.m2m_reverse_field_name()
        rows = [
            through(subscriber_id=ids[person.email], **{f"{column}_id": term.pk})
            for person in people
            for term in person.wants[index]
        ]
        through.objects.bulk_create(rows, batch_size=5000)
    channel = Channel.objects.get(slug="mint-update")
    Subscription.objects.bulk_create(
        (Subscription(subscriber_id=pk, channel=channel, status="active") for pk in ids.values()),
        batch_size=5000,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=100_000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        bench_env(var_dir, DEBUG="1")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from campaigns.models import Campaign
        from campaigns.sending import freeze
        from cms.demo.loader import load_demo

        load_demo()
        add_subscribers(arguments.subscribers)
        issue = Campaign.objects.get(channel__slug="mint-update")
        started = time.perf_counter()
        renderer, plans, skipped = freeze.plan(issue)
        seconds = time.perf_counter() - started
        readers = sum(len(plan.subscriber_ids) for plan in plans) + len(skipped)
        sample = plans[:SAMPLE]
        started = time.perf_counter()
        for plan in sample:
            sections = {"groups": plan.groups} if hasattr(plan, "groups") else {}  # none before the ranking
            renderer.render(plan.page_ids, plan.language, plan.tracked, **sections)
        per_variant = (time.perf_counter() - started) / max(len(sample), 1)
        print(
            f"subscribers={readers} items={len(renderer.items)} planning={seconds:.2f}s "
            f"variants={len(plans)} skipped={len(skipped)} ({100 * len(skipped) / readers:.1f} %) "
            f"render={1000 * per_variant:.1f}ms/variant (of {len(sample)}) "
            f"all variants≈{per_variant * len(plans):.0f}s"
        )
        print(f"ratio={len(plans) / max(readers - len(skipped), 1):.5f}")


if __name__ == "__main__":
    main()

"""``manage.py load_demo``: fill the site with the demo content; running it again changes nothing."""

import time

from django.core.management.base import BaseCommand

from cms.demo.loader import demo_totals, load_demo


class Command(BaseCommand):
    help = (
        "Lädt die Demo-Inhalte (Seiten, Bilder, Organisationen, Newsletter-Kanäle und Abonnent/innen). "
        "Idempotent: Vorhandenes bleibt unverändert."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        report = load_demo()
        seconds = time.monotonic() - started
        created = ", ".join(f"{label} {count}" for label, count in report)
        self.stdout.write(self.style.SUCCESS(f"Demo-Inhalte geladen in {seconds:.1f} s (neu: {created})."))
        for label, count in demo_totals():
            self.stdout.write(f"  {count:>6}  {label}")

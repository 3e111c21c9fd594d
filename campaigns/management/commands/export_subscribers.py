"""``manage.py export_subscribers [--channel SLUG]``: active subscribers as CSV on standard output."""

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Channel
from campaigns.subscriptions.csv_io import csv_lines, export_queryset, export_rows


class Command(BaseCommand):
    help = "Gibt die aktiven Abonnent/innen (optional eines Kanals) als CSV aus; importierbar."

    def add_arguments(self, parser):
        parser.add_argument("--channel", help="Kanal-Kürzel")

    def handle(self, *args, channel: str | None = None, **options):
        selected = None
        if channel:
            selected = Channel.objects.filter(slug=channel).first()
            if selected is None:
                raise CommandError(f"Unbekannter Kanal: {channel}")
        for line in csv_lines(export_rows(export_queryset(selected))):
            self.stdout.write(line, ending="")

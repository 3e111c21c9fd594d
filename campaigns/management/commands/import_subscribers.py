"""``manage.py import_subscribers FILE --legal-basis "…"``: the admin's CSV import, from a shell."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Channel
from campaigns.subscriptions.csv_io import import_subscribers


class Command(BaseCommand):
    help = (
        "Importiert Abonnent/innen aus einer CSV-Datei. Zeilen mit dokumentiertem Double-Opt-in "
        "(Spalte double_opt_in_at) werden aktiv, alle anderen erhalten eine Bestätigungsmail."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--legal-basis", required=True, help="Rechtsgrundlage und Herkunft der Adressen")
        parser.add_argument(
            "--channel", action="append", default=[], help="Kanal-Kürzel für Zeilen ohne Spalte channels"
        )

    def handle(self, *args, file: Path, legal_basis: str, channel: list[str], **options):
        channels = list(Channel.objects.filter(slug__in=channel))
        unknown = set(channel) - {c.slug for c in channels}
        if unknown:
            raise CommandError(f"Unbekannte Kanäle: {', '.join(sorted(unknown))}")
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Datei nicht lesbar: {error}") from error
        result = import_subscribers(
            raw, channels=channels, legal_basis=legal_basis, detail=f"CSV-Import {file.name}"
        )
        if result.errors:
            for line, message in result.errors:
                self.stderr.write(f"Zeile {line}: {message}")
            raise CommandError("Nichts importiert: die Datei enthält Fehler.")
        self.stdout.write(
            f"Neu: {result.created}, aktiviert: {result.activated}, "
            f"Bestätigung angefordert: {result.pending}, unverändert: {result.unchanged}, "
            f"gesperrt übersprungen: {result.suppressed}"
        )

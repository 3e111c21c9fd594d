"""``manage.py configuration_table``: write docs/CONFIGURATION.md from the code (``--check``: compare)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.configuration import table

DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "CONFIGURATION.md"


class Command(BaseCommand):
    help = "Writes docs/CONFIGURATION.md, the table of every environment variable, from the code."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the file differs; write nothing.")

    def handle(self, *args, check: bool, **options) -> None:
        current = DOCUMENT.read_text() if DOCUMENT.exists() else ""
        if check:
            if current != table():
                raise CommandError(f"{DOCUMENT} is out of date: run manage.py configuration_table.")
            return
        DOCUMENT.write_text(table())
        self.stdout.write(f"Wrote {DOCUMENT}.")

"""``manage.py erase_subscriber ADDRESS``: remove a person's data, keep the hashed suppression (Art. 17)."""

from django.core.management.base import BaseCommand, CommandError

from campaigns.management.lookup import subscriber_for
from campaigns.models import ConsentEvent
from campaigns.subscriptions import erase_subscriber


class Command(BaseCommand):
    help = (
        "Löscht alle personenbezogenen Daten einer Abonnentin/eines Abonnenten, anonymisiert das "
        "Einwilligungsprotokoll und sperrt die Adresse dauerhaft (als Hash)."
    )

    def add_arguments(self, parser):
        parser.add_argument("address", help="E-Mail-Adresse")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Nicht nachfragen."
        )

    def handle(self, *args, address: str, interactive: bool = True, **options):
        normalised, subscriber = subscriber_for(address)
        if subscriber is None:
            raise CommandError("Zu dieser Adresse sind keine Abonnentendaten gespeichert.")
        if interactive:
            answer = input(f"Alle Daten zu {normalised} unwiderruflich löschen? [j/N] ")
            if answer.strip().lower() not in ("j", "ja", "y", "yes"):
                raise CommandError("Abgebrochen, nichts gelöscht.")
        erase_subscriber(subscriber, source=ConsentEvent.Source.ADMIN)
        self.stdout.write("Gelöscht. Die Adresse ist gesperrt; das Einwilligungsprotokoll ist anonymisiert.")

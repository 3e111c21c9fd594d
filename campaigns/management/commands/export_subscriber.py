"""``manage.py export_subscriber ADDRESS``: everything stored about one person, as JSON (GDPR Art. 15/20)."""

from django.core.management.base import BaseCommand, CommandError

from campaigns.management.lookup import subscriber_for
from campaigns.subscriptions.gdpr import export_json


class Command(BaseCommand):
    help = "Gibt alle gespeicherten Daten einer Abonnentin/eines Abonnenten als JSON aus."

    def add_arguments(self, parser):
        parser.add_argument("address", help="E-Mail-Adresse")

    def handle(self, *args, address: str, **options):
        _normalised, subscriber = subscriber_for(address)
        if subscriber is None:
            raise CommandError("Zu dieser Adresse sind keine Abonnentendaten gespeichert.")
        self.stdout.write(export_json(subscriber))

"""``manage.py purge_pending_subscribers``: remove sign-ups never confirmed within the retention period.

The django-q2 schedule ``campaigns-purge-pending`` runs the same purge daily; the confirmation mail
promises this deletion.
"""

from django.core.management.base import BaseCommand

from campaigns.subscriptions import purge_pending_subscribers


class Command(BaseCommand):
    help = "Löscht Anmeldungen, die innerhalb der Aufbewahrungsfrist nicht bestätigt wurden."

    def handle(self, *args, **options):
        count = purge_pending_subscribers()
        self.stdout.write(f"{count} unbestätigte Anmeldungen gelöscht.")

"""``manage.py ensure_demo_admin``: a first administrator for the demo, with a generated password.

Creates the user ``admin`` only when no superuser exists and prints its password once; there is never a
fixed password that someone could look up.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
EMAIL = "admin@example.org"
PASSWORD_BYTES = 18


class Command(BaseCommand):
    help = (
        "Legt den Demo-Administrator „admin“ mit zufälligem Passwort an, falls es noch keinen Superuser gibt."
    )

    def handle(self, *args, **options) -> None:
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            self.stdout.write("Es gibt bereits einen Superuser; es wird kein Demo-Administrator angelegt.")
            return
        if users.filter(username=USERNAME).exists():
            raise CommandError(f"Es gibt schon einen Benutzer „{USERNAME}“ ohne Administratorrechte.")
        password = secrets.token_urlsafe(PASSWORD_BYTES)
        users.create_superuser(username=USERNAME, email=EMAIL, password=password)
        self.stdout.write(
            self.style.SUCCESS("Demo-Administrator angelegt – das Passwort wird nur jetzt angezeigt:")
        )
        self.stdout.write(f"  Benutzername: {USERNAME}")
        self.stdout.write(f"  Passwort:     {password}")

"""``manage.py process_unsubscribe_mail [FILE]``: one message to the unsubscribe mailbox, from an MTA pipe.

An alias such as ``abmelden: "|… manage.py process_unsubscribe_mail"`` pipes every message for the
``List-Unsubscribe`` mailbox into this command. The exit status is what the MTA acts on (``sysexits.h``):
0 when the message was handled or deliberately ignored, so it is neither bounced nor retried; 65
(``EX_DATAERR``) or 66 (``EX_NOINPUT``) when there is no message to read, which the MTA returns to the
sender; 75 (``EX_TEMPFAIL``) when the database cannot be reached, so that the MTA delivers the request
again later instead of losing it. Errors are one line on stderr, never a traceback.
"""

import os
import sys
from email.parser import BytesParser
from email.policy import default
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from campaigns.subscriptions.unsubscribe_mail import handle_unsubscribe_mail


class Command(BaseCommand):
    help = (
        "Verarbeitet eine E-Mail an das Abmelde-Postfach (List-Unsubscribe mailto) von der Standardeingabe "
        "oder aus einer Datei und meldet den Absender ab."
    )
    # ``call_command(..., stdin=...)`` passes the message as a binary file object (tests, callers in Python).
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", type=Path, help="RFC-5322-Nachricht (Standard: Standardeingabe)"
        )

    def handle(self, *args, file: Path | None, **options):
        if file is None:
            raw = (options.get("stdin") or sys.stdin.buffer).read()
        else:
            try:
                raw = file.read_bytes()
            except OSError as error:
                raise CommandError(f"Datei nicht lesbar: {error}", returncode=os.EX_NOINPUT) from error
        message = BytesParser(policy=default).parsebytes(raw)
        if not message.keys():
            raise CommandError("Keine E-Mail-Nachricht: keine Kopfzeilen gefunden.", returncode=os.EX_DATAERR)
        try:
            result = handle_unsubscribe_mail(message)
        except DatabaseError as error:
            raise CommandError(
                # The class only: the MTA may quote this line to the sender, who must not learn our hosts.
                f"Datenbank nicht erreichbar ({type(error).__name__}), später erneut zustellen.",
                returncode=os.EX_TEMPFAIL,
            ) from error
        self.stdout.write(str(result))

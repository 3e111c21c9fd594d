"""``manage.py import_suppressions FILE``: re-apply the mail provider's suppression list (after a restore).

People who bounced, complained or unsubscribed after the backup are known to the provider, not to the
restored database. The file is the provider's CSV export (or any CSV): the address is taken from a column
named like ``email``, ``address`` or ``recipient`` (else the first), the reason from a column named like
``reason`` or ``type`` if there is one — a complaint or spam report suppresses as a complaint, an
unsubscription unsubscribes, anything else counts as a hard bounce.
"""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.addresses import normalise_email
from campaigns.models import ConsentEvent
from campaigns.subscriptions import find_subscriber, record_bounce, record_complaint, unsubscribe

ADDRESS_COLUMNS = ("email", "emailaddress", "email_address", "address", "recipient", "e-mail")
REASON_COLUMNS = ("reason", "suppressionreason", "type", "event", "status")


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [name.strip().lower().replace(" ", "") for name in header]
    return next((lowered.index(name) for name in names if name in lowered), None)


class Command(BaseCommand):
    help = _("Übernimmt die Sperrliste des Versanddienstes (CSV-Export), z. B. nach einer Wiederherstellung.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            rows = list(csv.reader(file.read_text(encoding="utf-8-sig").splitlines()))
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Die Datei kann nicht gelesen werden: %(error)s") % {"error": error}
            ) from error
        if not rows:
            return
        address_at = _column(rows[0], ADDRESS_COLUMNS)
        reason_at = _column(rows[0], REASON_COLUMNS)
        body = rows[1:] if address_at is not None else rows
        counts = {"bounce": 0, "complaint": 0, "unsubscribe": 0, "invalid": 0}
        for row in body:
            kind = self._apply(row, address_at or 0, reason_at)
            counts[kind] += 1
        self.stdout.write(
            _(
                "Übernommen: %(bounce)s unzustellbar, %(complaint)s Beschwerden, "
                "%(unsubscribe)s Abmeldungen, %(invalid)s ungültige Zeilen."
            )
            % counts
        )

    def _apply(self, row: list[str], address_at: int, reason_at: int | None) -> str:
        try:
            address = normalise_email(row[address_at])
        except (IndexError, ValidationError):
            return "invalid"
        reason = row[reason_at].lower() if reason_at is not None and reason_at < len(row) else ""
        detail = _("Sperrliste des Versanddienstes: %(reason)s") % {"reason": reason or "–"}
        if "complain" in reason or "spam" in reason or "abuse" in reason:
            record_complaint(address, detail=detail)
            return "complaint"
        if "unsub" in reason or "manual" in reason:
            subscriber = find_subscriber(address)
            if subscriber is not None:
                unsubscribe(subscriber, source=ConsentEvent.Source.IMPORT, detail=detail)
            return "unsubscribe"
        record_bounce(address, detail=detail)
        return "bounce"

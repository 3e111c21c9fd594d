"""CSV import and export of subscribers, in one column layout so an export can be imported again.

Coded columns (language, role, municipality, grade bands, subjects, interests, channels) take the codes an
export writes or the names the admin shows, in any case ("Lehrkraft" or ``teacher``), since lists are
filled in from what people see; ``import_template`` is a file to start from.

The importer declares the legal basis for the whole file. A row with a documented double opt-in (the
``double_opt_in_at`` column) becomes active with that date; every other row becomes *pending* and gets the
confirmation mail, because a contact list without proof of opt-in is no consent. A file with any invalid row
changes nothing: all errors are reported by line. Suppressed addresses are skipped, and an import never
resubscribes anyone who unsubscribed, bounced or complained.

Exports use ``;`` and a UTF-8 BOM (what spreadsheet programs in Germany open directly) and defuse cells that
a spreadsheet would run as a formula.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Channel, ConsentEvent, SignupRequest, Subscriber, Subscription, Suppression
from campaigns.subscriptions.confirmation_mail import SEND_TASK
from campaigns.subscriptions.consent_log import record
from campaigns.subscriptions.forms import EmailAddressField, FacetsForm, channel_field
from campaigns.subscriptions.outbox import enqueue
from campaigns.subscriptions.signup import find_subscriber, get_or_create_subscriber, register

COLUMNS = [
    "email",
    "name",
    "language",
    "role",
    "municipality",
    "grade_bands",
    "subjects",
    "interests",
    "channels",
    "double_opt_in_at",
]
LIST_COLUMNS = ("grade_bands", "subjects", "interests", "channels")
CODED_COLUMNS = ("language", "role", "municipality", "grade_bands", "subjects", "interests", "channels")
LIST_SEPARATOR = ","
MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMATS = [
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
]
Status = Subscription.Status
ENDED = (Status.UNSUBSCRIBED, Status.BOUNCED, Status.COMPLAINED)


class ImportRowForm(FacetsForm):
    """One CSV row: the facets plus address, channels (any channel, public or not) and opt-in date."""

    email = EmailAddressField()
    channels = channel_field(Channel.objects.all(), required=True)
    double_opt_in_at = forms.DateTimeField(
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": gettext_lazy("Unbekanntes Datumsformat (z. B. 2025-01-31 oder 31.01.2025).")
        },
    )

    def clean_double_opt_in_at(self):
        value = self.cleaned_data["double_opt_in_at"]
        if value and value > timezone.now():
            raise ValidationError(_("Das Datum des Double-Opt-ins liegt in der Zukunft."))
        return value


@dataclass
class ImportResult:
    """What an import did, or why it did nothing (``errors`` by line number)."""

    created: int = 0
    activated: int = 0
    pending: int = 0
    unchanged: int = 0
    suppressed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # "CSV (Trennzeichen-getrennt)" from older Excel


def read_rows(raw: bytes) -> list[dict[str, str]]:
    """Parse the file into rows keyed by column; ``ValidationError`` for a file that is not usable at all."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("Die Datei ist zu groß (höchstens 20 MB)."))
    text = _decode(raw)
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
        if "email" not in header:
            raise ValidationError(_("Die erste Zeile muss die Spaltennamen enthalten, darunter „email“."))
        unknown = [name for name in header if name and name not in COLUMNS]
        if unknown:
            raise ValidationError(
                _("Unbekannte Spalten: %(columns)s. Erlaubt sind: %(allowed)s.")
                % {"columns": ", ".join(unknown), "allowed": ", ".join(COLUMNS)}
            )
        reader.fieldnames = header
        rows = []
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise ValidationError(
                    _("Die Datei hat zu viele Zeilen (höchstens %(max)d).") % {"max": MAX_ROWS}
                )
            rows.append({key: (value or "") for key, value in row.items() if key})
    except csv.Error as error:
        raise ValidationError(
            _("Die Datei ist keine lesbare CSV-Datei (%(error)s).") % {"error": error}
        ) from error
    return rows


def _undefuse(value: str) -> str:
    """Remove the apostrophe an export put before a formula-like cell."""
    return value[1:] if value.startswith("'") and value[1:2] in FORMULA_STARTS else value


def allowed_values() -> dict[str, list[tuple[str, str]]]:
    """(code, name) of every value each coded column accepts, in the admin's language and order."""
    form = ImportRowForm()
    values = {}
    for column in CODED_COLUMNS:
        field = form.fields[column]
        if isinstance(field, forms.ModelChoiceField):
            values[column] = [(term.slug, term.name) for term in field.queryset]
        else:
            values[column] = [(str(code), str(name)) for code, name in field.choices if code]
    return values


def import_vocabulary() -> dict[str, dict[str, str]]:
    """For each coded column, the code behind every accepted name and code, keyed in lower case.

    A name two entries share (two terms of one vocabulary) is left out, so it is refused as unknown
    rather than guessed.
    """
    vocabulary = {}
    for column, pairs in allowed_values().items():
        names = [name.casefold() for _code, name in pairs]
        lookup = {name.casefold(): code for code, name in pairs if names.count(name.casefold()) == 1}
        lookup.update({code.casefold(): code for code, _name in pairs})
        vocabulary[column] = lookup
    return vocabulary


def _coded(column: str, value: str, vocabulary: dict[str, dict[str, str]]) -> str:
    return vocabulary.get(column, {}).get(value.casefold(), value)


def _form_data(
    row: dict[str, str], default_channels: Iterable[Channel], vocabulary: dict[str, dict[str, str]]
) -> dict:
    data: dict = {
        key: _coded(key, _undefuse(value.strip()), vocabulary)
        for key, value in row.items()
        if key not in LIST_COLUMNS
    }
    for key in LIST_COLUMNS:
        items = (item.strip() for item in row.get(key, "").split(LIST_SEPARATOR))
        data[key] = [_coded(key, item, vocabulary) for item in items if item]
    if not data["channels"]:
        data["channels"] = [channel.slug for channel in default_channels]
    return data


def validate_rows(rows: list[dict[str, str]], default_channels: Iterable[Channel]) -> tuple[list, list]:
    """Validate every row; return (valid forms, errors as (line, message)). Line 1 is the header."""
    valid, errors, seen = [], [], {}
    vocabulary = import_vocabulary()
    for line, row in enumerate(rows, start=2):
        form = ImportRowForm(_form_data(row, default_channels, vocabulary))
        if not form.is_valid():
            for name, messages in form.errors.items():
                label = form.fields[name].label if name in form.fields else name
                errors.extend((line, f"{label}: {message}") for message in messages)
            continue
        key = form.cleaned_data["email"].lower()
        if key in seen:
            errors.append((line, _("Die Adresse steht schon in Zeile %(line)d.") % {"line": seen[key]}))
            continue
        seen[key] = line
        valid.append(form)
    return valid, errors


def _import_row(form: ImportRowForm, result: ImportResult, *, legal_basis: str, detail: str) -> None:
    address = form.cleaned_data["email"]
    if Suppression.objects.is_suppressed(address):
        result.suppressed += 1
        return
    known = find_subscriber(address)
    existing = {s.channel_id: s for s in known.subscriptions.all()} if known else {}
    channels = [
        c for c in form.cleaned_data["channels"] if getattr(existing.get(c.pk), "status", None) not in ENDED
    ]
    opted_in_at = form.cleaned_data["double_opt_in_at"]
    if opted_in_at:
        subscriber, created = get_or_create_subscriber(address, form.facets())
        changed = _activate_imported(subscriber, channels, existing, opted_in_at, legal_basis, detail)
        result.activated += int(changed)
    else:
        created, changed = known is None, _request_confirmation(form, channels, legal_basis, detail)
        result.pending += int(changed)
    result.created += int(created)
    if not changed and not created:
        result.unchanged += 1


def _activate_imported(subscriber, channels, existing, opted_in_at, legal_basis: str, detail: str) -> bool:
    """Rows with a documented double opt-in: their channels start with that date."""
    changed = False
    for channel in channels:
        subscription = existing.get(channel.pk) or Subscription(subscriber=subscriber, channel=channel)
        if subscription.status == Status.ACTIVE and subscription.pk:
            continue
        subscription.status = Status.ACTIVE
        subscription.confirmed_at = opted_in_at
        subscription.save()
        record(
            subscriber,
            ConsentEvent.Event.IMPORTED,
            source=ConsentEvent.Source.IMPORT,
            channel=channel,
            legal_basis=legal_basis,
            detail=_("%(detail)s; Double-Opt-in dokumentiert am %(date)s")
            % {"detail": detail, "date": timezone.localtime(opted_in_at).strftime("%d.%m.%Y %H:%M")},
        )
        changed = True
    return changed


def _request_confirmation(
    form: ImportRowForm, channels: list[Channel], legal_basis: str, detail: str
) -> bool:
    """Rows without it: a sign-up request, registered at once, and its confirmation mail."""
    if not channels:
        return False
    request = SignupRequest.objects.create(
        email=form.cleaned_data["email"],
        channel_ids=[channel.pk for channel in channels],
        facets=form.facets().as_slugs(),
        source=ConsentEvent.Source.IMPORT,
    )
    due = register(
        request.pk,
        event=ConsentEvent.Event.IMPORTED,
        legal_basis=legal_basis,
        detail=_("%(detail)s; ohne dokumentiertes Double-Opt-in, Bestätigung angefordert")
        % {"detail": detail},
    )
    if due:
        enqueue(SEND_TASK, request.pk)
    return SignupRequest.objects.filter(pk=request.pk).exists()


def import_person(form: ImportRowForm, *, legal_basis: str, detail: str) -> ImportResult:
    """Bring in one person staff entered by hand, by the same rule as an imported row."""
    result = ImportResult()
    with transaction.atomic():
        _import_row(form, result, legal_basis=legal_basis.strip(), detail=detail)
    return result


def import_subscribers(
    raw: bytes, *, channels: Iterable[Channel] = (), legal_basis: str, detail: str = ""
) -> ImportResult:
    """Import a CSV file (bytes). ``channels`` apply to rows without a ``channels`` cell.

    All or nothing: with any invalid row, ``errors`` lists every problem and nothing is stored.
    """
    if not legal_basis.strip():
        raise ValueError("An import needs the legal basis.")
    result = ImportResult()
    try:
        rows = read_rows(raw)
    except ValidationError as error:
        result.errors = [(1, message) for message in error.messages]
        return result
    valid, result.errors = validate_rows(rows, list(channels))
    if result.errors:
        return result
    with transaction.atomic():
        for form in valid:
            _import_row(form, result, legal_basis=legal_basis.strip(), detail=detail or _("CSV-Import"))
    return result


def import_template() -> list[list[str]]:
    """The header and two example rows — one with the names the admin shows, one with codes."""
    values = allowed_values()

    def row(email: str, name: str, index: int) -> list[str]:
        cells = {"email": email, "name": name, "double_opt_in_at": ""}
        for column, pairs in values.items():
            count = 2 if column in LIST_COLUMNS and column != "channels" else 1
            cells[column] = LIST_SEPARATOR.join(pair[index] for pair in pairs[:count])
        return [cells[column] for column in COLUMNS]

    return [COLUMNS, row("erika.muster@example.org", "Erika Muster", 1), row("max@example.org", "", 0)]


def _defuse(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def export_queryset(channel: Channel | None = None) -> QuerySet[Subscriber]:
    """Subscribers with an active subscription (to ``channel``, if given), with what a row needs."""
    active = Q(subscriptions__status=Status.ACTIVE)
    if channel is not None:
        active &= Q(subscriptions__channel=channel)
    active_subscriptions = Subscription.objects.filter(status=Status.ACTIVE).select_related("channel")
    return (
        Subscriber.objects.filter(active)
        .distinct()
        .annotate(
            double_opt_in_at=Min("subscriptions__confirmed_at", filter=Q(subscriptions__status=Status.ACTIVE))
        )
        .select_related("municipality")
        .prefetch_related(
            "grade_bands",
            "subjects",
            "interests",
            Prefetch("subscriptions", queryset=active_subscriptions, to_attr="active"),
        )
        .order_by("pk")
    )


def export_rows(subscribers: QuerySet[Subscriber], chunk_size: int = 2000) -> Iterator[list[str]]:
    """The header and one row per subscriber, fetched in chunks."""
    yield COLUMNS
    for subscriber in subscribers.iterator(chunk_size=chunk_size):
        opted_in: datetime | None = subscriber.double_opt_in_at
        row = [
            subscriber.email,
            subscriber.name,
            subscriber.language,
            subscriber.role,
            subscriber.municipality.slug if subscriber.municipality else "",
            LIST_SEPARATOR.join(term.slug for term in subscriber.grade_bands.all()),
            LIST_SEPARATOR.join(term.slug for term in subscriber.subjects.all()),
            LIST_SEPARATOR.join(term.slug for term in subscriber.interests.all()),
            LIST_SEPARATOR.join(s.channel.slug for s in subscriber.active),
            timezone.localtime(opted_in).isoformat(timespec="seconds") if opted_in else "",
        ]
        yield [_defuse(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    """Rows as CSV text lines (``;``-separated, BOM first), for a streaming response or a file."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(row)

"""The preference centre's "Meine Daten": a reader sees and downloads everything stored about them, and
can have all of it erased.

The page and the JSON download show the one export the admin and ``manage.py export_subscriber`` give
(``gdpr.export_subscriber``), so the reader sees exactly what a request under GDPR Art. 15 would return.
Erasing (Art. 17) takes a POST that asks again, a mail to the address with a link (``tokens.ERASE``, as
long-lived as a preference link) and the button on that link's page: a forwarded newsletter's preference
link alone deletes nobody, and no GET changes anything. The erasure is the admin's
(``gdpr.erase_subscriber``).
"""

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from campaigns.models import ConsentEvent, Subscriber, Subscription
from campaigns.subscriptions.confirmation_mail import ERASE_TASK
from campaigns.subscriptions.gdpr import erase_subscriber, export_download, export_subscriber
from campaigns.subscriptions.outbox import enqueue
from campaigns.subscriptions.signup import claim_confirmation_mail
from campaigns.subscriptions.views import Source, with_token
from campaigns.tokens import ERASE, PREFERENCES

ERASE_TEMPLATE = "campaigns/subscriptions/erase.html"
# The export's own headings, and the labels of its values that are no model field.
SECTION_TITLES = {
    "subscriber": gettext_lazy("Ihre Angaben"),
    "subscriptions": gettext_lazy("Ihre Abonnements"),
    "consent_log": gettext_lazy("Einwilligungsprotokoll"),
}
EXTRA_LABELS = {
    "exported_at": gettext_lazy("Stand der Auskunft"),
    "suppressed": gettext_lazy("Adresse gesperrt"),
    "at": gettext_lazy("Zeitpunkt"),
    "consent_text_version": gettext_lazy("Version des Einwilligungstexts"),
    "consent_text": gettext_lazy("Einwilligungstext"),
    "consent_wording": gettext_lazy("Wortlaut der Einwilligung"),
}
Record = list[tuple[str, str]]


def _field(model: type[models.Model] | None, key: str) -> Any:
    try:
        return model._meta.get_field(key) if model else None
    except FieldDoesNotExist:
        return None


def _label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    if key in EXTRA_LABELS or not hasattr(field, "verbose_name"):
        return str(EXTRA_LABELS.get(key, key))
    return capfirst(field.verbose_name)


def _shown(model: type[models.Model] | None, key: str, value: Any) -> str:
    """One exported value in words: choices by their label, times in local time, nothing as a dash."""
    if value is None or value in ("", []):
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list):
        return ", ".join(
            str(item.get("label", item)) if isinstance(item, dict) else str(item) for item in value
        )
    choices = dict(getattr(_field(model, key), "flatchoices", ()))
    if value in choices:
        return str(choices[value])
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is not None:
        return formats.date_format(
            timezone.localtime(moment) if timezone.is_aware(moment) else moment, "DATETIME_FORMAT"
        )
    return str(value)


def _record(model: type[models.Model] | None, row: dict) -> Record:
    return [(_label(model, key), _shown(model, key, value)) for key, value in row.items()]


def readable_export(subscriber: Subscriber) -> list[tuple[str, list[Record]]]:
    """The subscriber's export as headed sections of labelled records, for the page "Meine Daten"."""
    models_by_key: dict[str, type[models.Model]] = {
        "subscriber": Subscriber,
        "subscriptions": Subscription,
        "consent_log": ConsentEvent,
    }
    for relation in Subscriber._meta.related_objects:
        models_by_key.setdefault(relation.get_accessor_name(), relation.related_model)
    data = export_subscriber(subscriber)
    scalars = {key: value for key, value in data.items() if not isinstance(value, dict | list)}
    sections = [(_("Auskunft"), [_record(None, scalars)])]
    for key, value in data.items():
        if key in scalars:
            continue
        model = models_by_key.get(key)
        title = SECTION_TITLES.get(key) or (capfirst(model._meta.verbose_name_plural) if model else key)
        rows = value if isinstance(value, list) else [value]
        sections.append((str(title), [_record(model, row) for row in rows]))
    return sections


def _token(request: HttpRequest) -> str:
    return request.resolver_match.kwargs["token"]


@require_http_methods(["GET", "HEAD"])
@with_token(PREFERENCES)
def my_data_page(request: HttpRequest, subscriber: Subscriber) -> HttpResponse:
    """Everything stored about the reader, readable."""
    context = {"subscriber": subscriber, "sections": readable_export(subscriber), "token": _token(request)}
    return render(request, "campaigns/subscriptions/my_data.html", context)


@require_http_methods(["GET", "HEAD"])
@with_token(PREFERENCES)
def my_data_json(request: HttpRequest, subscriber: Subscriber) -> HttpResponse:
    """Everything stored about the reader, as the JSON file the admin's export gives (GDPR Art. 20)."""
    return export_download(subscriber, "meine-daten.json")


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@with_token(PREFERENCES)
def erase_request(request: HttpRequest, subscriber: Subscriber) -> HttpResponse:
    """A GET or the preference centre's POST asks whether to erase everything; the POST of that answer
    mails the erase link (at most one such mail per cool-down)."""
    step = "ask"
    if request.method == "POST" and request.POST.get("confirmed") == "1":
        step = "sent" if claim_confirmation_mail(subscriber) else "wait"
        if step == "sent":
            enqueue(ERASE_TASK, subscriber.pk)
    context = {"step": step, "subscriber": subscriber, "token": _token(request)}
    return render(request, ERASE_TEMPLATE, context)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@with_token(ERASE)
def erase_page(request: HttpRequest, subscriber: Subscriber) -> HttpResponse:
    """The mailed link: GET shows what erasing means and a button; its POST erases, and the page says what
    was deleted and what remains."""
    if request.method != "POST":
        return render(request, ERASE_TEMPLATE, {"step": "confirm", "subscriber": subscriber})
    address = subscriber.email
    erase_subscriber(subscriber, source=Source.FORM)
    return render(request, ERASE_TEMPLATE, {"step": "done", "address": address})

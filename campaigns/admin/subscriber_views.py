"""Admin views for subscriber data: proof of consent, GDPR export, CSV import and export.

Each view checks its own permission (``view``, ``export``, ``import`` on subscribers) so that an editor
outside the "Kampagnen" group reaches none of them, even with the URL.
"""

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from campaigns.models import Channel, Subscriber, Suppression
from campaigns.subscriptions.csv_io import csv_lines, export_queryset, export_rows, import_subscribers
from campaigns.subscriptions.forms import ImportForm, is_slug
from campaigns.subscriptions.gdpr import export_subscriber


def require(request: HttpRequest, action: str) -> None:
    """Raise ``PermissionDenied`` unless the user may ``action`` subscribers."""
    if not policy_registry.get_by_type(Subscriber).user_has_permission(request.user, action):
        raise PermissionDenied


def proof_of_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable page: the subscriber, their subscriptions and every consent event with its text."""
    require(request, "view")
    subscriber = get_object_or_404(Subscriber.objects.select_related("municipality"), pk=pk)
    events = list(subscriber.consent_events.select_related("channel", "consent_text", "confirms"))
    texts = {event.consent_text.pk: event.consent_text for event in events if event.consent_text}
    context = {
        "subscriber": subscriber,
        "subscriptions": subscriber.subscriptions.select_related("channel").order_by("created_at"),
        "events": events,
        "consent_texts": sorted(texts.values(), key=lambda text: text.created_at),
        "wordings": _distinct_wordings(events),
        "suppressed": Suppression.objects.is_suppressed(subscriber.email),
        "generated_at": timezone.now(),
        "generated_by": request.user,
    }
    return render(request, "campaigns/subscriptions/admin/proof_of_consent.html", context)


def _distinct_wordings(events: list) -> list[dict]:
    """Each wording the person agreed to, once, with its version and first time (events come in order)."""
    seen: dict[str, dict] = {}
    for event in events:
        if event.wording and event.wording not in seen:
            version = event.consent_text.version if event.consent_text else ""
            seen[event.wording] = {"text": event.wording, "version": version, "at": event.created_at}
    return list(seen.values())


def export_subscriber_json(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything stored about one subscriber as a JSON download (GDPR Art. 15 and 20)."""
    require(request, "export")
    subscriber = get_object_or_404(Subscriber, pk=pk)
    response = HttpResponse(
        json.dumps(export_subscriber(subscriber), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="abonnent-{subscriber.pk}.json"'
    return response


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Active subscribers as CSV (``?channel=<slug>`` for one channel), streamed in chunks."""
    require(request, "export")
    slug = request.GET.get("channel", "")
    channel = get_object_or_404(Channel, slug=slug) if slug and is_slug(slug) else None
    response = StreamingHttpResponse(
        csv_lines(export_rows(export_queryset(channel))), content_type="text/csv; charset=utf-8"
    )
    name = f"abonnenten-{channel.slug if channel else 'alle'}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a CSV file; show counts, or every error by line when nothing was imported."""

    form_class = ImportForm
    template_name = "campaigns/subscriptions/admin/import.html"
    page_title = gettext_lazy("Abonnent/innen importieren")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        require(request, "import")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["channels"] = Channel.objects.all()
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        result = import_subscribers(
            upload.read(),
            channels=form.cleaned_data["channels"],
            legal_basis=form.cleaned_data["legal_basis"],
            detail=_("CSV-Import „%(file)s“ durch %(user)s")
            % {"file": upload.name[:80], "user": self.request.user.get_username()},
        )
        status = 400 if result.errors else 200
        return self.render_to_response(self.get_context_data(form=form, result=result), status=status)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

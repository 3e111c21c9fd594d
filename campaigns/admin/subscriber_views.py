"""Admin views for subscriber data: proof of consent, GDPR export, CSV import and export, one person added by
hand, and leaving one channel on a reader's request.

Each view checks its own permission (``view``, ``export``, ``import`` on subscribers) so that an editor
outside the "Kampagnen" group reaches none of them, even with the URL.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from campaigns.models import Channel, ConsentEvent, Subscriber, Suppression
from campaigns.subscriptions.csv_io import (
    ImportRowForm,
    allowed_values,
    csv_lines,
    export_queryset,
    export_rows,
    import_person,
    import_subscribers,
    import_template,
)
from campaigns.subscriptions.forms import ImportForm, is_slug, legal_basis_field
from campaigns.subscriptions.gdpr import export_download
from campaigns.subscriptions.preferences import unsubscribe
from campaigns.subscriptions.signup import find_subscriber

EDIT_URL = "wagtailsnippets_campaigns_subscriber:edit"


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
    return export_download(subscriber, f"abonnent-{subscriber.pk}.json")


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


def import_template_csv(request: HttpRequest) -> HttpResponse:
    """A CSV file to fill in: the import's columns and two example rows (names and codes)."""
    require(request, "import")
    response = HttpResponse("".join(csv_lines(import_template())), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="abonnenten-importvorlage.csv"'
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
        context["allowed_values"] = allowed_values()
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


class AddSubscriberForm(ImportRowForm):
    """One person entered by hand: an import row with the legal basis staff declare for it."""

    legal_basis = legal_basis_field()


class AddSubscriberView(WagtailAdminTemplateMixin, FormView):
    """Add one person by the import's rule: active only with a documented double opt-in, otherwise
    pending with a confirmation mail; suppressed or unsubscribed addresses are never signed up again."""

    form_class = AddSubscriberForm
    template_name = "campaigns/subscriptions/admin/add_subscriber.html"
    page_title = gettext_lazy("Person hinzufügen")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        require(request, "import")  # one person by hand is an import of one: same right, same rule
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        address = form.cleaned_data["email"]
        result = import_person(
            form,
            legal_basis=form.cleaned_data["legal_basis"],
            detail=_("Von Hand hinzugefügt durch %(user)s") % {"user": self.request.user.get_username()},
        )
        if result.suppressed:
            messages.warning(
                self.request,
                _(
                    "„%(email)s“ ist gesperrt (abgemeldet, unzustellbar oder gelöscht) und wurde nicht "
                    "angelegt."
                )
                % {"email": address},
            )
            return redirect("wagtailsnippets_campaigns_subscriber:list")
        if result.activated:
            message = _("„%(email)s“ ist angemeldet; das dokumentierte Double-Opt-in ist protokolliert.")
        elif result.pending:
            message = _(
                "„%(email)s“ erhält eine Bestätigungsmail und ist erst nach der Bestätigung angemeldet."
            )
        else:
            message = _(
                "Nichts geändert: „%(email)s“ ist schon angemeldet oder hat sich abgemeldet (wer sich "
                "abgemeldet hat, wird nicht wieder angemeldet)."
            )
        messages.success(self.request, message % {"email": address})
        return redirect(EDIT_URL, find_subscriber(address).pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@require_POST
def unsubscribe_from_channel(request: HttpRequest, pk: int, channel_pk: int) -> HttpResponse:
    """End one subscription on the reader's request (logged with the staff member), nothing else."""
    require(request, "change")
    subscriber = get_object_or_404(Subscriber, pk=pk)
    channel = get_object_or_404(Channel, pk=channel_pk)
    ended = unsubscribe(
        subscriber,
        channel,
        source=ConsentEvent.Source.ADMIN,
        detail=_("auf Wunsch, durch %(user)s") % {"user": request.user.get_username()},
    )
    names = {"email": subscriber.email, "channel": channel.name}
    if ended:
        messages.success(request, _("„%(email)s“ ist von „%(channel)s“ abgemeldet.") % names)
    else:
        messages.info(request, _("„%(email)s“ war bei „%(channel)s“ nicht angemeldet.") % names)
    return redirect(EDIT_URL, subscriber.pk)

"""Sending an issue with a confirmation that cannot go stale, and discarding it.

"Senden…" and "Versand planen…" lead to a summary (channel, subject, recipients, items, time) with a confirm
button. The confirming POST carries the recipient count the editor saw; when the count has changed
meanwhile, or the issue has no items, the server refuses and shows the new summary. "Ausgabe verwerfen"
deletes a draft and stops a scheduled or running issue, which is kept with its report.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.actions.registry import action_registry

from campaigns.admin.campaign_views import ScheduleForm, admin_header, planned
from campaigns.admin.coverage import Coverage
from campaigns.admin.permissions import require
from campaigns.approval import refusal
from campaigns.models import Campaign
from campaigns.rendering.content import campaign_page_ids
from campaigns.sending import control

Status = Campaign.Status
SEND_ACTIONS = ("send", "schedule")


@dataclass(frozen=True)
class Summary:
    """What the editor confirms: who gets how much, and when."""

    campaign: Campaign
    action: str
    recipients: int
    items: int
    when: datetime | None
    coverage: Coverage | None


def summarise(campaign: Campaign, action: str, when: datetime | None) -> Summary:
    variants, reach = planned(campaign)
    return Summary(
        campaign=campaign,
        action=action,
        recipients=sum(variant.recipient_count for variant in variants),
        items=len(campaign_page_ids(campaign)),
        when=when,
        coverage=reach,
    )


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("channel", "audience"), pk=pk)


def _when(data, action: str) -> tuple[datetime | None, str | None]:
    """The planned time of a schedule (``None`` for sending now) and the German error of a bad one."""
    if action != "schedule":
        return None, None
    form = ScheduleForm(data)
    if not form.is_valid():
        return None, " ".join(form.errors["when"])
    return form.cleaned_data["when"], None


def _confirmation(request: HttpRequest, summary: Summary, problem: str = "") -> HttpResponse:
    """The summary page with its confirm button; ``problem`` says why the editor is asked again."""
    campaign = summary.campaign
    return render(
        request,
        "campaigns/admin/confirm_send.html",
        {
            "campaign": campaign,
            "summary": summary,
            "coverage": summary.coverage,
            "problem": problem,
            "when_value": timezone.localtime(summary.when).strftime("%Y-%m-%dT%H:%M") if summary.when else "",
            **admin_header(campaign, _("Versand bestätigen"), step=_("Versand bestätigen")),
        },
    )


def _start_refusal(campaign: Campaign) -> str | None:
    """Why sending or scheduling cannot start at all (approval, or not a draft or scheduled issue)."""
    if campaign.status not in (Status.DRAFT, Status.SCHEDULED):
        return _("Diese Ausgabe ist im Status „%(status)s“ und kann nicht versendet werden.") % {
            "status": campaign.get_status_display()
        }
    return refusal(campaign)


def _prepared(
    request: HttpRequest, pk: int, action: str, data
) -> tuple[Campaign, datetime | None] | HttpResponse:
    """The issue and the time it is to start, or the way back to the dispatch page with why it cannot."""
    require(request, "send")
    if action not in SEND_ACTIONS:
        raise Http404
    campaign = _campaign(pk)
    when, error = _when(data, action)
    reason = _start_refusal(campaign) or error
    if reason:
        messages.error(request, reason)
        return redirect("campaigns_campaign:dispatch", pk=pk)
    return campaign, when


def confirm_send(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The summary the editor confirms before sending now or scheduling."""
    prepared = _prepared(request, pk, action, request.GET)
    if isinstance(prepared, HttpResponse):
        return prepared
    campaign, when = prepared
    summary = summarise(campaign, action, when)
    problem = (
        "" if summary.items else _("Diese Ausgabe enthält keine Beiträge und kann nicht versendet werden.")
    )
    return _confirmation(request, summary, problem)


def _stale(request: HttpRequest, summary: Summary) -> str:
    """Why the confirmation no longer holds, or "" when the editor confirmed what would happen now."""
    if not summary.items:
        return _("Diese Ausgabe enthält keine Beiträge und kann nicht versendet werden.")
    seen = request.POST.get("recipients", "")
    if seen != str(summary.recipients):
        return _(
            "Die Zahl der Empfänger hat sich geändert: jetzt %(now)s statt %(seen)s. Bitte prüfen und "
            "bestätigen Sie erneut."
        ) % {"now": summary.recipients, "seen": seen or "?"}
    coverage = summary.coverage
    if coverage and coverage.needs_confirmation and request.POST.get("confirm_skips") != "1":
        return _(
            "Mehr als 5 % der Empfänger erhielten nichts. Bitte bestätigen Sie den Versand ausdrücklich."
        )
    return ""


def _started_message(summary: Summary) -> str:
    values = {
        "subject": summary.campaign.subject,
        "count": summary.recipients,
        "when": formats.date_format(timezone.localtime(summary.when), "d.m.Y H:i") if summary.when else "",
    }
    if summary.action == "schedule":
        return (
            ngettext(
                "Versand von „%(subject)s“ an %(count)s Empfänger für %(when)s geplant.",
                "Versand von „%(subject)s“ an %(count)s Empfänger für %(when)s geplant.",
                summary.recipients,
            )
            % values
        )
    return (
        ngettext(
            "Versand von „%(subject)s“ an %(count)s Empfänger gestartet.",
            "Versand von „%(subject)s“ an %(count)s Empfänger gestartet.",
            summary.recipients,
        )
        % values
    )


@require_POST
def send(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Send now or schedule, if what the editor confirmed still holds; else show the new summary."""
    prepared = _prepared(request, pk, action, request.POST)
    if isinstance(prepared, HttpResponse):
        return prepared
    campaign, when = prepared
    summary = summarise(campaign, action, when)
    problem = _stale(request, summary)
    if problem:
        return _confirmation(request, summary, problem)
    if action == "send":
        control.send_now(campaign)
    else:
        control.schedule(campaign, when)
    messages.success(request, _started_message(summary))
    return redirect("campaigns_campaign:dispatch", pk=pk)


@require_POST
def control_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Unschedule, pause, resume or re-queue what failed for our reasons, saying what happened."""
    require(request, "send")
    if action not in ("unschedule", "pause", "resume", "requeue"):
        raise Http404
    campaign = _campaign(pk)
    if action == "requeue":
        queued = control.requeue(campaign)
        message = ngettext(
            "%(count)s Zustellung erneut eingereiht.", "%(count)s Zustellungen erneut eingereiht.", queued
        )
        messages.success(request, message % {"count": queued})
        return redirect("campaigns_campaign:dispatch", pk=pk)
    getattr(control, action)(campaign)
    done = {
        "unschedule": _("Die Planung von „%(subject)s“ ist aufgehoben; die Ausgabe ist wieder ein Entwurf."),
        "pause": _("Der Versand von „%(subject)s“ ist angehalten."),
        "resume": _("Der Versand von „%(subject)s“ wird fortgesetzt."),
    }
    messages.success(request, done[action] % {"subject": campaign.subject})
    return redirect("campaigns_campaign:dispatch", pk=pk)


def discard(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Ausgabe verwerfen": asks first; then deletes a draft, or stops a scheduled or running issue."""
    campaign = _campaign(pk)
    require(request, "send" if campaign.status != Status.DRAFT else "delete")
    if campaign.status not in (Status.DRAFT, Status.SCHEDULED, Status.SENDING):
        messages.error(request, _("Diese Ausgabe ist bereits abgeschlossen."))
        return redirect("campaigns_campaign:dispatch", pk=pk)
    if request.method != "POST":
        return render(
            request,
            "campaigns/admin/confirm_discard.html",
            {
                "campaign": campaign,
                **admin_header(campaign, _("Ausgabe verwerfen"), step=_("Ausgabe verwerfen")),
            },
        )
    values = {"subject": campaign.subject}
    if campaign.status == Status.DRAFT:
        action_registry.get_action_class(Campaign, "delete")(campaign, user=request.user).execute()
        messages.success(request, _("Der Entwurf „%(subject)s“ wurde verworfen und gelöscht.") % values)
        return redirect(reverse("campaigns_campaign:list"))
    control.cancel(campaign)
    messages.success(
        request,
        _("Der Versand von „%(subject)s“ wurde gestoppt; die Ausgabe bleibt mit ihrem Bericht erhalten.")
        % values,
    )
    return redirect("campaigns_campaign:dispatch", pk=pk)

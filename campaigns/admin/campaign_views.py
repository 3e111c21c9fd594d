"""The dispatch page of a campaign: variants with previews, test mail, schedule or send, pause, resume,
cancel, live progress and — when done — the report.

Previewing and test mails need the right to change campaigns; sending, scheduling, pausing and cancelling
need the separate right to send (``campaigns.send_campaign``), which the "Kampagnen" group holds.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.widgets import HeaderButton

from campaigns.addresses import check_email
from campaigns.admin.content_changes import editing_version, removed_items
from campaigns.admin.coverage import Coverage, coverage
from campaigns.admin.issue_overview import overview
from campaigns.admin.permissions import may, require
from campaigns.admin.report import BAR_COLOURS, bar_chart, measurement, reasons, report, status_counts
from campaigns.approval import refusal
from campaigns.models import Campaign, Delivery, Variant
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.content import campaign_page_ids
from campaigns.rendering.personalise import Split, sample_personal
from campaigns.rendering.ranking import Group
from campaigns.rendering.tracking import without_tracking
from campaigns.rendering.variants import variant_key
from campaigns.sending import freeze
from campaigns.sending.test_mail import MAX_TEST_RECIPIENTS, send_test

Status = Campaign.Status
PREVIEW_WIDTHS = (("desktop", 640), ("mobile", 375))


def variant_label(number: int, variant: Variant, profile: str = "") -> str:
    """The variant named as on the dispatch page — its number, one reader it stands for, its counts — so
    that variants with equal counts stay distinguishable."""
    pages = len(variant.page_ids)
    values = {
        "number": number,
        "n": variant.recipient_count,
        "pages": ngettext("%(count)s Beitrag", "%(count)s Beiträge", pages) % {"count": pages},
        "language": variant.language.upper(),
    }
    if variant.tracked:
        label = _("Variante %(number)s: %(n)s Empfänger, %(pages)s, %(language)s, mit Messung") % values
    else:
        label = _("Variante %(number)s: %(n)s Empfänger, %(pages)s, %(language)s") % values
    return f"{label} – {_('z. B. %(profile)s') % {'profile': profile}}" if profile else label


class TestMailForm(forms.Form):
    addresses = forms.CharField(
        label=gettext_lazy("Empfängeradressen"),
        help_text=gettext_lazy("Bis zu 10 Adressen, durch Komma oder Zeilenumbruch getrennt."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    variant = forms.ChoiceField(label=gettext_lazy("Variante"))

    def __init__(
        self, *args, variants: list[Variant], profiles: dict[str, str] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        named = profiles or {}
        self.fields["variant"].choices = [
            (variant.key, variant_label(number, variant, named.get(variant.key, "")))
            for number, variant in enumerate(variants, start=1)
        ]

    def clean_addresses(self) -> list[str]:
        raw = self.cleaned_data["addresses"].replace(",", "\n").split()
        if len(raw) > MAX_TEST_RECIPIENTS:
            raise ValidationError(_("Höchstens %(n)s Adressen.") % {"n": MAX_TEST_RECIPIENTS})
        return [check_email(address) for address in raw]


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=gettext_lazy("Versandzeitpunkt"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise ValidationError(_("Bitte einen Zeitpunkt in der Zukunft wählen."))
        return when


def planned(campaign: Campaign) -> tuple[list[Variant], Coverage | None]:
    """The variants of the campaign — stored once it is frozen, planned from the live data before — and,
    before, who would get what."""
    if campaign.prepared_at:
        return list(campaign.variants.all()), None
    _renderer, plans, skipped = freeze.plan(campaign)
    return [plan.variant(campaign) for plan in plans], coverage(plans, skipped)


def campaign_variants(campaign: Campaign) -> list[Variant]:
    """The variants of the campaign: stored once it is frozen, planned from the live data before."""
    return planned(campaign)[0]


def _variant(
    campaign: Campaign,
    key: str,
    pages: str = "",
    language: str = "",
    tracked: bool = False,
    groups: str = "",
) -> Variant:
    """The variant named by ``key``, as editors and test recipients see it: rendered if not stored yet.

    The preview frames of a draft name their variant's pages, sections, language and measurement in the
    query, so
    that each frame renders one variant without planning the whole audience again; the key must match
    them. Editors and test recipients are not subscribers, so a tracked variant is shown without its
    measured links and pixel.
    """
    variant = None
    if pages and not campaign.prepared_at:
        try:
            page_ids = tuple(int(pk) for pk in pages.split(","))
            sections = tuple(Group(name) for name in groups.split(",")) if groups else ()
        except ValueError as error:
            raise Http404 from error
        in_campaign = set(page_ids) <= set(campaign_page_ids(campaign))
        if variant_key(language, page_ids, tracked, sections) == key and in_campaign:
            variant = Variant(
                campaign=campaign,
                key=key,
                language=language,
                page_ids=list(page_ids),
                groups=list(sections),
                tracked=tracked,
            )
    else:
        variant = next((v for v in campaign_variants(campaign) if v.key == key), None)
    if variant is None:
        raise Http404
    if not variant.html:
        rendered = CampaignRenderer(campaign, variant.page_ids).render(
            variant.page_ids, variant.language, groups=variant.groups
        )
        variant.html, variant.text = rendered.html, rendered.text
    elif variant.tracked:
        variant.html = without_tracking(variant.html, variant.links)
    return variant


# Wagtail's own word for the first breadcrumb, translated by Wagtail's catalogue (passed by name).
HOME = "Home"


def admin_header(campaign: Campaign, title: str, step: str = "") -> dict:
    """Wagtail's slim header for the pages of an issue: breadcrumbs back to the list, to the issue's
    edit view and to its dispatch page, a "Bearbeiten" button and the history link."""
    dispatch = reverse("campaigns_campaign:dispatch", args=[campaign.pk])
    crumbs = [
        {"url": reverse("wagtailadmin_home"), "label": _(HOME)},
        {"url": reverse("campaigns_campaign:list"), "label": _("Newsletter-Ausgaben")},
        {"url": reverse("campaigns_campaign:edit", args=[campaign.pk]), "label": campaign.subject},
        {"url": dispatch if step else "", "label": _("Vorschau & Versand")},
    ]
    if step:
        crumbs.append({"url": "", "label": step})
    buttons = []
    if campaign.is_editable:
        buttons.append(
            HeaderButton(
                _("Bearbeiten"), url=reverse("campaigns_campaign:edit", args=[campaign.pk]), icon_name="edit"
            )
        )
    return {
        "breadcrumbs_items": crumbs,
        "header_title": title,
        "header_icon": "mail",
        "header_buttons": buttons,
        "history_url": reverse("campaigns_campaign:history", args=[campaign.pk]),
        "page_title": title,
    }


def dispatch_page(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "change")
    campaign = get_object_or_404(Campaign.objects.select_related("channel", "audience"), pk=pk)
    edited = editing_version(campaign)
    issue = overview(edited)
    variants = issue.variants
    counts = status_counts(campaign)
    context = {
        "campaign": campaign,
        "variants": variants,
        "variant_rows": [
            (variant, issue.profiles.get(variant.key, ""), preview_url(campaign, variant))
            for variant in variants
        ],
        "items": issue.items,
        "removed": removed_items(edited) if not campaign.prepared_at else [],
        "changeable": campaign.is_editable and not campaign.prepared_at,
        "coverage": issue.coverage,
        "recipients": sum(v.recipient_count for v in variants),
        "preparing": campaign.status == Status.SENDING and not campaign.prepared_at,
        "widths": PREVIEW_WIDTHS,
        "test_form": TestMailForm(
            variants=variants, profiles=issue.profiles, initial={"addresses": request.user.email}
        ),
        "schedule_form": ScheduleForm(initial={"when": campaign.scheduled_at}),
        "refusal": refusal(campaign),
        "may_send": may(request, "send"),
        "counts": counts,
        "progress_rows": [(status, label, counts[status]) for status, label in Delivery.Status.choices],
        **admin_header(campaign, _("Versand: %(subject)s") % {"subject": campaign.subject}),
    }
    if campaign.status in (Status.SENT, Status.CANCELLED, Status.FAILED):
        figures = report(campaign)
        context["report"] = figures
        context["reasons"] = reasons(campaign)
        context["measurement"] = measurement(campaign)
        context["chart"] = bar_chart(
            [
                (_("Versendet"), figures.sent, BAR_COLOURS[Delivery.Status.SENT]),
                (_("Fehlgeschlagen"), figures.failed, BAR_COLOURS[Delivery.Status.FAILED]),
                (_("Unzustellbar"), figures.bounced, BAR_COLOURS[Delivery.Status.FAILED]),
                (_("Übersprungen"), figures.skipped, BAR_COLOURS[Delivery.Status.SKIPPED]),
                (_("Seitdem abgemeldet"), figures.unsubscribed_since, BAR_COLOURS[Delivery.Status.SKIPPED]),
            ],
            title=_("Zustellungen dieser Ausgabe"),
        )
    return render(request, "campaigns/admin/dispatch.html", context)


def preview_url(campaign: Campaign, variant: Variant) -> str:
    """The address of one variant's preview; a draft's names the variant's content, so that it renders
    without planning the audience again (``_variant``)."""
    query = {"pages": ",".join(map(str, variant.page_ids)), "lang": variant.language}
    if variant.groups:
        query["groups"] = ",".join(variant.groups)
    if variant.tracked:
        query["tracked"] = "1"
    address = reverse("campaigns_campaign:variant", args=[campaign.pk, variant.key])
    return f"{address}?{urlencode(query, safe=',')}"


PREVIEW_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src * data:; font-src *"


def variant_preview(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """One variant's HTML as a recipient sees it, with sample personal values (for the preview frames)."""
    require(request, "change")
    campaign = editing_version(get_object_or_404(Campaign.objects.select_related("channel"), pk=pk))
    variant = _variant(
        campaign,
        key,
        request.GET.get("pages", ""),
        request.GET.get("lang", ""),
        tracked=request.GET.get("tracked") == "1",
        groups=request.GET.get("groups", ""),
    )
    html = Split.of(variant.html).fill(sample_personal(variant.language).as_html())
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    # Mail HTML shown at an admin URL: sandboxed, it runs no script and reaches nothing of the admin,
    # whatever a campaign's content holds (the admin's own policy allows inline scripts).
    response["Content-Security-Policy"] = PREVIEW_POLICY
    return response


def progress(request: HttpRequest, pk: int) -> JsonResponse:
    """Counts by delivery status, polled by the dispatch page while the campaign is being sent."""
    require(request, "view")
    campaign = get_object_or_404(Campaign, pk=pk)
    return JsonResponse(
        {
            "status": campaign.status,
            "prepared": campaign.prepared_at is not None,
            "paused": campaign.paused,
            "counts": status_counts(campaign),
        }
    )


@require_POST
def test_mail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "change")
    campaign = editing_version(get_object_or_404(Campaign.objects.select_related("channel"), pk=pk))
    form = TestMailForm(request.POST, variants=campaign_variants(campaign))
    if form.is_valid():
        variant = _variant(campaign, form.cleaned_data["variant"])
        sent = send_test(campaign, variant, form.cleaned_data["addresses"])
        messages.success(
            request,
            ngettext(
                "Testmail an %(count)s Adresse versendet.", "Testmail an %(count)s Adressen versendet.", sent
            )
            % {"count": sent},
        )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("campaigns_campaign:dispatch", pk=pk)

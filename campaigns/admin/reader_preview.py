"""Preview "as a reader": the mail a reader with the chosen facets would get of a campaign, ranked and
sectioned by the same function as the real mails (``campaigns.rendering.variants.ranking_for``).

The facets are chosen in a GET form (nothing is stored), or a subscriber is named by address and their
stored facets count; the mail is shown in a sandboxed frame as wide as a desktop or a phone shows it,
filled with sample personal values, as on the dispatch page.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.addresses import normalise_email
from campaigns.admin.campaign_views import PREVIEW_POLICY, PREVIEW_WIDTHS
from campaigns.admin.content_changes import editing_version
from campaigns.admin.permissions import require
from campaigns.models import Campaign, Subscriber
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.personalise import Split, sample_personal
from campaigns.rendering.ranking import Ranking, Reader
from campaigns.rendering.variants import ranking_for, readers
from campaigns.subscriptions.forms import FacetsForm
from page_types.models import Interest
from page_types.translations import default_language


class ReaderForm(FacetsForm):
    """The facets of an imagined reader, as a subscriber states them; every one may stay empty."""

    name = None
    role = None
    email = forms.EmailField(
        label=gettext_lazy("Oder: E-Mail-Adresse einer Abonnentin oder eines Abonnenten"),
        required=False,
        help_text=gettext_lazy(
            "Zeigt die Mail mit den gespeicherten Angaben dieser Person; die Felder oben zählen dann nicht."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # In the admin "Zielgruppen" are audience segments; grade bands are "Klassenstufen" there.
        self.fields["grade_bands"].label = _("Klassenstufen")

    def clean_email(self) -> Subscriber | None:
        address = self.cleaned_data["email"]
        if not address:
            return None
        subscriber = Subscriber.objects.for_address(normalise_email(address)).first()
        if subscriber is None:
            raise forms.ValidationError(_("Unter dieser Adresse ist niemand eingetragen."))
        return subscriber

    def reader(self) -> Reader:
        """The reader these facets describe (call after ``is_valid()``); interests stand for their topics.
        A named subscriber is read as the engine reads every recipient (``variants.readers``)."""
        data = self.cleaned_data
        if data["email"]:
            return readers(Subscriber.objects.filter(pk=data["email"].pk))[data["email"].pk]
        gathered = Interest.objects.filter(pk__in=[term.pk for term in data["interests"]]).topic_slugs()
        return Reader(
            language=data["language"] or default_language(),
            municipalities=frozenset([data["municipality"].slug] if data["municipality"] else []),
            subjects=frozenset(term.slug for term in data["subjects"]),
            grade_bands=frozenset(term.slug for term in data["grade_bands"]),
            topics=frozenset().union(*gathered.values()),
            mint_radius_km=data["mint_radius_km"],
        )


def _ranked(campaign: Campaign, form: ReaderForm) -> tuple[CampaignRenderer, Reader, Ranking]:
    renderer = CampaignRenderer(campaign)
    reader = form.reader()
    return renderer, reader, ranking_for(renderer.items, reader, campaign.channel)


def reader_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The form and, for valid facets, what the reader would get: titles by section and the mail itself."""
    require(request, "change")
    campaign = editing_version(get_object_or_404(Campaign.objects.select_related("channel"), pk=pk))
    form = ReaderForm(request.GET or None)
    context = {
        "campaign": campaign,
        "form": form,
        "page_title": _("Vorschau als Leserin oder Leser: %(subject)s") % {"subject": campaign.subject},
    }
    if form.is_valid():
        renderer, _reader, ranking = _ranked(campaign, form)
        titles = {item.page_id: item.title for item in renderer.items}
        context["ranking"] = ranking
        context["rows"] = [
            (group.label, titles[page_id])
            for page_id, group in zip(ranking.page_ids, ranking.groups, strict=True)
        ]
        context["query"] = request.GET.urlencode()
        mobile = request.GET.get("ansicht") == "mobil"
        context["width"] = PREVIEW_WIDTHS[1][1] if mobile else PREVIEW_WIDTHS[0][1]
        context["views"] = [
            (label, _views_query(request, value), mobile == (value == "mobil"))
            for label, value in ((_("Desktop"), "desktop"), (_("Mobil"), "mobil"))
        ]
    return render(request, "campaigns/admin/reader_preview.html", context)


def _views_query(request: HttpRequest, view: str) -> str:
    query = request.GET.copy()
    query["ansicht"] = view
    return query.urlencode()


def reader_mail(request: HttpRequest, pk: int) -> HttpResponse:
    """The mail of the reader the query describes, for the preview frame (sandboxed like a variant's)."""
    require(request, "change")
    campaign = editing_version(get_object_or_404(Campaign.objects.select_related("channel"), pk=pk))
    form = ReaderForm(request.GET)
    if not form.is_valid():
        return HttpResponse(status=400)
    renderer, reader, ranking = _ranked(campaign, form)
    rendered = renderer.render(ranking.page_ids, reader.language, groups=ranking.groups)
    html = Split.of(rendered.html).fill(sample_personal(reader.language).as_html())
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_POLICY
    return response

"""Preview "as a reader": the mail a reader with the chosen facets would get of a campaign, ranked and
sectioned by the same function as the real mails (``campaigns.rendering.variants.ranking_for``).

The facets are chosen in a GET form (nothing is stored); the mail is shown in a sandboxed frame, filled
with sample personal values, as on the dispatch page.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.admin.campaign_views import PREVIEW_POLICY, require
from campaigns.models import Campaign, Language
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.personalise import Split, sample_personal
from campaigns.rendering.ranking import Ranking, Reader
from campaigns.rendering.variants import ranking_for
from campaigns.subscriptions.forms import RADII_KM
from page_types.models import GradeBand, MintSubject, Municipality, Topic
from page_types.models.querysets import topic_ids


class ReaderForm(forms.Form):
    """The facets of an imagined reader; every one may stay empty."""

    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label=gettext_lazy("Kommune"), required=False, to_field_name="slug"
    )
    grade_bands = forms.ModelMultipleChoiceField(
        GradeBand.objects.all(),
        label=gettext_lazy("Klassenstufen"),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    subjects = forms.ModelMultipleChoiceField(
        MintSubject.objects.all(),
        label=gettext_lazy("MINT-Fächer"),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.all(),
        label=gettext_lazy("Themen"),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    mint_radius_km = forms.TypedChoiceField(
        label=gettext_lazy("MINT-Angebote im Umkreis von (km)"),
        choices=[("", "–"), *((km, km) for km in RADII_KM)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Sprache"), choices=Language.choices, initial=Language.GERMAN, required=False
    )

    def reader(self) -> Reader:
        """The reader these facets describe (call after ``is_valid()``); topics include their sub-topics."""
        data = self.cleaned_data
        topics = Topic.objects.filter(pk__in=topic_ids(data["topics"]))
        return Reader(
            language=data["language"] or Language.GERMAN,
            municipalities=frozenset([data["municipality"].slug] if data["municipality"] else []),
            subjects=frozenset(term.slug for term in data["subjects"]),
            grade_bands=frozenset(term.slug for term in data["grade_bands"]),
            topics=frozenset(topics.values_list("slug", flat=True)),
            mint_radius_km=data["mint_radius_km"],
        )


def _ranked(campaign: Campaign, form: ReaderForm) -> tuple[CampaignRenderer, Reader, Ranking]:
    renderer = CampaignRenderer(campaign)
    reader = form.reader()
    return renderer, reader, ranking_for(renderer.items, reader, campaign.channel)


def reader_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The form and, for valid facets, what the reader would get: titles by section and the mail itself."""
    require(request, "change")
    campaign = get_object_or_404(Campaign.objects.select_related("channel"), pk=pk)
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
    return render(request, "campaigns/admin/reader_preview.html", context)


def reader_mail(request: HttpRequest, pk: int) -> HttpResponse:
    """The mail of the reader the query describes, for the preview frame (sandboxed like a variant's)."""
    require(request, "change")
    campaign = get_object_or_404(Campaign.objects.select_related("channel"), pk=pk)
    form = ReaderForm(request.GET)
    if not form.is_valid():
        return HttpResponse(status=400)
    renderer, reader, ranking = _ranked(campaign, form)
    rendered = renderer.render(ranking.page_ids, reader.language, groups=ranking.groups)
    html = Split.of(rendered.html).fill(sample_personal(reader.language).as_html())
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_POLICY
    return response

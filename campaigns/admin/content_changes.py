"""Changing what an issue carries from its dispatch page: leave an item out, take it back, or put it first.

Each change is a new revision made by Wagtail's own edit action, so the issue's history names who changed
what, a lock held by someone else refuses it, and an issue whose channel needs approval must be approved
again before it is sent. The dispatch page and its previews show the version being edited.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.actions.edit import EditAction

from campaigns.admin.permissions import require
from campaigns.approval import refusal
from campaigns.models import Campaign, CampaignPick, CampaignRemoval
from campaigns.rendering.content import campaign_page_ids
from campaigns.sending import control
from page_types.models import ContentPage

REMOVE, RESTORE, FIRST = "remove", "restore", "first"


class ContentChangeForm(forms.Form):
    change = forms.ChoiceField(choices=[(REMOVE, REMOVE), (RESTORE, RESTORE), (FIRST, FIRST)])
    page = forms.IntegerField(min_value=1)


def editing_version(campaign: Campaign) -> Campaign:
    """The version of the issue its editors work on: the draft saved after approval, if one waits, else the
    row. Once the issue is frozen, the row is what is sent."""
    if campaign.prepared_at is None and campaign.live and campaign.has_unpublished_changes:
        return campaign.get_latest_revision_as_object()
    return campaign


def removed_items(campaign: Campaign) -> list[tuple[int, str]]:
    """The pages the editor left out of the issue, as (id, title), for taking them back."""
    removed = [removal.page_id for removal in campaign.removals.all()]
    return list(ContentPage.objects.filter(pk__in=removed).order_by("title").values_list("pk", "title"))


def with_change(campaign: Campaign, change: str, page_id: int) -> Campaign:
    """The issue with one item left out, taken back or put first among the editor's picks."""
    removals = [removal for removal in campaign.removals.all() if removal.page_id != page_id]
    picks = [pick for pick in campaign.picks.all() if pick.page_id != page_id]
    picks.sort(key=lambda pick: pick.sort_order or 0)
    if change == REMOVE:
        removals.append(CampaignRemoval(page_id=page_id))
    elif change == FIRST:
        picks.insert(0, CampaignPick(page_id=page_id))
    for position, pick in enumerate(picks):
        pick.sort_order = position
    campaign.removals = removals
    campaign.picks = picks
    return campaign


def lift_unapproved_schedule(campaign: Campaign) -> bool:
    """A scheduled issue whose new version is not approved is not sent: its schedule is lifted."""
    campaign = Campaign.objects.select_related("channel").get(pk=campaign.pk)
    if campaign.status == Campaign.Status.SCHEDULED and not campaign.is_approved:
        control.unschedule(campaign)
        return True
    return False


LIFTED = gettext_lazy(
    "Die geänderte Fassung braucht eine neue Freigabe; der geplante Versand wurde aufgehoben."
)


@require_POST
def change_content(request: HttpRequest, pk: int) -> HttpResponse:
    """Leave out, take back or put first one item of the issue, as a new revision."""
    require(request, "change")
    campaign = get_object_or_404(Campaign.objects.select_related("channel"), pk=pk)
    back = redirect("campaigns_campaign:dispatch", pk=pk)
    if not campaign.is_editable or campaign.prepared_at:
        messages.error(
            request, _("Diese Ausgabe wird oder wurde versendet und kann nicht mehr bearbeitet werden.")
        )
        return back
    form = ContentChangeForm(request.POST)
    edited = editing_version(campaign)
    if not form.is_valid():
        messages.error(request, _("Diese Änderung ist nicht möglich."))
        return back
    change, page_id = form.cleaned_data["change"], form.cleaned_data["page"]
    if change == RESTORE:
        known = {removal.page_id for removal in edited.removals.all()}
    else:
        known = set(campaign_page_ids(edited))
    if page_id not in known:
        messages.error(request, _("Dieser Beitrag gehört nicht zu dieser Ausgabe."))
        return back
    try:
        EditAction(with_change(edited, change, page_id), user=request.user).execute()
    except PermissionDenied:
        messages.error(
            request,
            _("Sie können diese Ausgabe nicht ändern: Sie ist gesperrt oder Ihnen fehlt das Recht dazu."),
        )
        return back
    title = ContentPage.objects.get(pk=page_id).title
    done = {
        REMOVE: _("„%(title)s“ ist nicht mehr in dieser Ausgabe."),
        RESTORE: _("„%(title)s“ ist wieder in dieser Ausgabe, sofern die Regel des Kanals ihn auswählt."),
        FIRST: _(
            "„%(title)s“ steht jetzt vorn: Wo er ebenso gut passt wie andere Beiträge, kommt er zuerst."
        ),
    }[change] % {"title": title}
    messages.success(request, done)
    if lift_unapproved_schedule(campaign):
        messages.warning(request, LIFTED)
    elif reason := refusal(Campaign.objects.select_related("channel").get(pk=pk)):
        messages.info(request, reason)
    return back

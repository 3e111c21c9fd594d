"""Which issues the web shows: sent ones of a channel, and who may see a non-public channel's."""

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Channel, Variant

#: Statuses whose mails went out, so that "Im Browser ansehen" must work (while sending, too).
MAILED = (Campaign.Status.SENDING, Campaign.Status.SENT)


def sent_issues(channel: Channel) -> QuerySet[Campaign]:
    """The channel's sent issues, newest first."""
    return (
        Campaign.objects.filter(channel=channel, status=Campaign.Status.SENT)
        .select_related("channel")
        .order_by("-started_at", "-pk")
    )


def public_channel(slug: str) -> Channel:
    """The public channel of this slug; a non-public or unknown one has no archive (404)."""
    return get_object_or_404(Channel, slug=slug, is_public=True)


def may_see(request: HttpRequest, channel: Channel) -> bool:
    """Everyone may see a public channel's web versions; a non-public channel's need an admin login."""
    return channel.is_public or request.user.has_perm("wagtailadmin.access_admin")


def login_redirect(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))


def sent_issue(slug: str, issue_id: int) -> Campaign:
    """A sent issue of the channel; unknown and unsent ones are not found (404)."""
    campaign = (
        Campaign.objects.select_related("channel")
        .filter(pk=issue_id, channel__slug=slug, status=Campaign.Status.SENT)
        .first()
    )
    if campaign is None:
        raise Http404(_("Diese Ausgabe gibt es nicht oder sie wurde noch nicht versendet."))
    return campaign


def mailed_variant(slug: str, issue_id: int, web_key: str) -> Variant:
    """The variant of a mailed issue that the key names (404 for anything else)."""
    variant = (
        Variant.objects.select_related("campaign__channel")
        .filter(
            web_key=web_key,
            campaign_id=issue_id,
            campaign__channel__slug=slug,
            campaign__status__in=MAILED,
        )
        .first()
    )
    if variant is None:
        raise Http404(_("Diese Ausgabe gibt es nicht oder sie wurde noch nicht versendet."))
    return variant

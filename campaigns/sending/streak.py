"""The error streak: an issue that keeps failing pauses itself and tells the campaign managers.

A provider outage, a sender the provider no longer accepts or a policy block fails every message alike;
retrying them all until the horizon only hides it. So each issue counts the deliveries that failed in a row
without the recipient being at fault (a failed connection counts once); a sent message ends the streak.
At ``CAMPAIGNS_PAUSE_AFTER_FAILURES`` the issue is paused with the reason on its dispatch page, and the
campaign managers get a mail. After fixing the cause they resume it (and re-queue what failed meanwhile).
Batches running side by side count together, so the figure is approximate by a batch at most.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns import app_settings
from campaigns.models import Campaign, Delivery

logger = logging.getLogger(__name__)


def record(campaign_id: int, outcomes: list[bool]) -> None:
    """Add a batch's outcomes in order (``True`` sent, ``False`` a failure of the streak); pause the issue
    when the streak reaches the limit."""
    if not outcomes:
        return
    issue = Campaign.objects.filter(pk=campaign_id)
    if True in outcomes:
        trailing = outcomes[::-1].index(True)
        issue.update(failure_streak=trailing)
    else:
        issue.update(failure_streak=F("failure_streak") + len(outcomes))
    limit = app_settings.pause_after_failures()
    if issue.filter(failure_streak__gte=limit).exists():
        pause(campaign_id, limit)


def pause(campaign_id: int, failures: int) -> bool:
    """Pause the issue for its error streak, once; tell the campaign managers. ``True`` if it paused now."""
    last_error = (
        Delivery.objects.filter(campaign_id=campaign_id)
        .exclude(error="")
        .exclude(bounced=True)
        .order_by("-pk")
        .values_list("error", flat=True)
        .first()
    ) or ""
    reason = _(
        "Automatisch angehalten: %(count)s Zustellungen in Folge sind fehlgeschlagen, ohne dass es an den "
        "Empfängern lag (Störung beim Versanddienst, abgelehnter Absender?). Letzter Fehler: %(error)s. "
        "Nach Behebung der Ursache „Fortsetzen“ und „Fehlgeschlagene erneut einreihen“ wählen."
    ) % {"count": failures, "error": last_error or "–"}
    paused = Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SENDING, paused=False).update(
        paused=True, error=reason
    )
    if paused:
        logger.error(
            "Campaign %s paused after %s failures in a row: %s",
            campaign_id,
            failures,
            last_error,
            extra={"campaign_id": campaign_id},
        )
        notify_managers(Campaign.objects.get(pk=campaign_id), reason)
    return bool(paused)


def notify_managers(campaign: Campaign, reason: str) -> int:
    """Mail the users who may send campaigns (the campaign managers); return how many were told.

    The mail may fail for the very reason the issue paused; the admin shows the reason either way.
    """
    recipients = sorted(
        {
            user.email
            for user in get_user_model().objects.with_perm("campaigns.send_campaign", include_superusers=True)
            if user.email
        }
    )
    if not recipients:
        return 0
    admin = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    link = admin + reverse("campaigns_campaign:dispatch", args=[campaign.pk])
    subject = _("Newsletter-Versand angehalten: %(subject)s") % {"subject": campaign.subject}
    body = f"{reason}\n\n{link}\n"
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # the outage that paused the issue may keep this mail from going out, too
        logger.exception("Telling the campaign managers that campaign %s paused failed", campaign.pk)
        return 0
    return len(recipients)

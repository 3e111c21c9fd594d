"""Finding what a command line names: a subscriber by address (the GDPR commands), an issue by number."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from campaigns.addresses import normalise_email
from campaigns.models import Campaign, Subscriber
from campaigns.subscriptions import find_subscriber


def subscriber_for(address: str) -> tuple[str, Subscriber | None]:
    """The normalised address and its subscriber (``None`` if unknown); ``CommandError`` if malformed."""
    try:
        normalised = normalise_email(address)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error
    return normalised, find_subscriber(normalised)


def campaign_for(campaign_id: int) -> Campaign:
    """The issue with the number; ``CommandError`` if there is none."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise CommandError(_("Keine Ausgabe mit der Nummer %(id)s.") % {"id": campaign_id})
    return campaign

"""Finding the subscriber a command line names by address (shared by the GDPR commands)."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from campaigns.addresses import normalise_email
from campaigns.models import Subscriber
from campaigns.subscriptions import find_subscriber


def subscriber_for(address: str) -> tuple[str, Subscriber | None]:
    """The normalised address and its subscriber (``None`` if unknown); ``CommandError`` if malformed."""
    try:
        normalised = normalise_email(address)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error
    return normalised, find_subscriber(normalised)

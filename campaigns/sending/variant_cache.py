"""The variants' pre-built mails, kept per worker process across the batches of an issue.

A variant never changes once its issue is being sent, so each worker builds a variant's ``VariantMail``
once, not once per batch.
"""

from collections import OrderedDict

from campaigns import app_settings
from campaigns.models import Campaign, Variant
from campaigns.sending.headers import ListHeaders
from campaigns.sending.mime import VariantMail

MAX_CACHED = 256
_cache: OrderedDict[int, VariantMail] = OrderedDict()


def variant_mail(campaign: Campaign, variant: Variant, subject: str = "") -> VariantMail:
    """Build the mail of a variant (not cached: test mails of draft issues use it too)."""
    return VariantMail.build(
        subject=subject or campaign.subject,
        from_email=app_settings.from_email(),
        headers=ListHeaders(campaign.channel).static(),
        html=variant.html,
        text=variant.text,
    )


def variant_mails(campaign: Campaign, variant_ids: set[int]) -> dict[int, VariantMail]:
    """The mails of the given variants of an issue that is being sent."""
    missing = [pk for pk in variant_ids if pk not in _cache]
    for variant in Variant.objects.filter(campaign=campaign, pk__in=missing):
        _cache[variant.pk] = variant_mail(campaign, variant)
        while len(_cache) > MAX_CACHED:
            _cache.popitem(last=False)
    return {pk: _cache[pk] for pk in variant_ids}

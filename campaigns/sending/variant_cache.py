"""The variants' pre-built mails, kept per worker process across the batches of a campaign.

A variant never changes once its campaign is being sent, so each worker builds a variant's ``VariantMail``
once, not once per batch. A tracked variant has an unmeasured form as well, for readers who withdrew their
consent (or whose channel stopped measuring) after the campaign was frozen. The cache key includes the render
time and the subject, not only the id: ids can be used again (SQLite reuses the highest id after a
delete, a test database after a rollback), and a stale entry would send another campaign's mail.
"""

from collections import OrderedDict

from campaigns import app_settings
from campaigns.models import Campaign, Variant
from campaigns.rendering.tracking import without_tracking
from campaigns.sending.headers import ListHeaders
from campaigns.sending.mime import VariantMail

MAX_CACHED = 256
CacheKey = tuple[int, int, str, str, bool]
_cache: OrderedDict[CacheKey, VariantMail] = OrderedDict()


def variant_mail(
    campaign: Campaign, variant: Variant, subject: str = "", *, measured: bool = True
) -> VariantMail:
    """Build the mail of a variant (not cached: test mails of draft campaigns use it too); ``measured=False``
    gives a tracked variant's mail without its measured links and open pixel."""
    html = variant.html if measured or not variant.tracked else without_tracking(variant.html, variant.links)
    return VariantMail.build(
        subject=subject or campaign.subject_in(variant.language),
        from_email=app_settings.from_email(),
        headers=ListHeaders(campaign.channel).static(),
        html=html,
        text=variant.text,
    )


def variant_mails(
    campaign: Campaign, variant_ids: set[int], *, measured: bool = True
) -> dict[int, VariantMail]:
    """The mails of the given variants of a campaign that is being sent (see ``variant_mail``)."""
    rendered = Variant.objects.filter(campaign=campaign, pk__in=variant_ids).values_list(
        "pk", "rendered_at", "language"
    )
    keys = {
        pk: (pk, campaign.pk, str(rendered_at), campaign.subject_in(language), measured)
        for pk, rendered_at, language in rendered
    }
    missing = [pk for pk, key in keys.items() if key not in _cache]
    for variant in Variant.objects.filter(campaign=campaign, pk__in=missing):
        _cache[keys[variant.pk]] = variant_mail(campaign, variant, measured=measured)
        while len(_cache) > MAX_CACHED:
            _cache.popitem(last=False)
    return {pk: _cache[key] for pk, key in keys.items()}

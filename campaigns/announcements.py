"""What the outreach plugin announces to outgoing webhooks (``page_types.webhooks``): sent campaigns and
changes of subscriptions.

Subscription events come from the consent log, the one place every flow records them, and carry no personal
data — no address, no hash, no subscriber id: only the kind of change, the channel, the source and the time,
enough for a front end to refresh a subscriber count or a channel page.
"""

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, ConsentEvent, Delivery
from page_types.webhooks import events

CAMPAIGN_SENT = "campaign.sent"
DISPATCH_UID = "campaigns.announce_subscriptions"
Kind = ConsentEvent.Event
SUBSCRIBER_EVENTS = {
    Kind.CONFIRMED: ("subscriber.confirmed", _("Anmeldung bestätigt")),
    Kind.PREFERENCES_CHANGED: ("subscriber.preferences_changed", _("Einstellungen geändert")),
    Kind.UNSUBSCRIBED: ("subscriber.unsubscribed", _("Abgemeldet")),
    Kind.BOUNCED: ("subscriber.bounced", _("Unzustellbar")),
    Kind.COMPLAINED: ("subscriber.complained", _("Beschwerde")),
    Kind.ERASED: ("subscriber.erased", _("Daten gelöscht")),
}


def campaign_sent(campaign_id: int) -> None:
    """Announce a campaign that has just been sent, with its channel and how many messages went out."""
    campaign = Campaign.objects.select_related("channel").get(pk=campaign_id)
    data = {
        "id": campaign.pk,
        "channel": campaign.channel.slug,
        "subject": campaign.subject,
        "finished_at": campaign.finished_at,
        "sent": Delivery.objects.filter(campaign_id=campaign_id, status=Delivery.Status.SENT).count(),
    }
    events.announce(CAMPAIGN_SENT, data)


def subscription_changed(sender, instance: ConsentEvent, created: bool, **kwargs) -> None:
    if not created or instance.event not in SUBSCRIBER_EVENTS:
        return
    event_type, _label = SUBSCRIBER_EVENTS[instance.event]
    channel = instance.channel.slug if instance.channel_id else None
    events.announce(
        event_type, {"channel": channel, "source": instance.source, "occurred_at": instance.created_at}
    )


def register_announcements() -> None:
    events.register(CAMPAIGN_SENT, _("Newsletter-Ausgabe versendet"))
    for event_type, label in SUBSCRIBER_EVENTS.values():
        events.register(event_type, label)
    post_save.connect(subscription_changed, sender=ConsentEvent, dispatch_uid=DISPATCH_UID)

"""Models of the outreach plugin, one module per concept."""

from campaigns.models.api_keys import ApiKey
from campaigns.models.audiences import Audience
from campaigns.models.campaigns import Campaign, CampaignPick, CampaignRemoval, CampaignText
from campaigns.models.channels import Channel, ChannelText
from campaigns.models.consent import ConsentEvent, ConsentText
from campaigns.models.deliveries import Delivery, Variant
from campaigns.models.pacing import SendPace
from campaigns.models.recurrence import ChannelOccurrence
from campaigns.models.reminders import DeadlineReminder
from campaigns.models.signup_requests import SignupRequest
from campaigns.models.subscribers import Role, Subscriber, Subscription
from campaigns.models.suppression import Suppression
from campaigns.models.tracking import TrackingEvent
from campaigns.models.welcome import WelcomeMail

__all__ = [
    "ApiKey",
    "Audience",
    "Campaign",
    "CampaignPick",
    "CampaignRemoval",
    "CampaignText",
    "Channel",
    "ChannelOccurrence",
    "ChannelText",
    "ConsentEvent",
    "ConsentText",
    "DeadlineReminder",
    "Delivery",
    "Role",
    "SendPace",
    "SignupRequest",
    "Subscriber",
    "Subscription",
    "Suppression",
    "TrackingEvent",
    "Variant",
    "WelcomeMail",
]

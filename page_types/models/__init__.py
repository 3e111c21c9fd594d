"""Page and taxonomy models of the content plugin, one module per content family."""

from page_types.eras import Era
from page_types.models.base import ContentPage, ListingIndexPage
from page_types.models.contacts import ContactPointIndexPage, ContactPointPage
from page_types.models.guide import GuideProfile, SettlementGuidePage
from page_types.models.history import InnovationHistoryPage, InnovationMilestonePage
from page_types.models.home import HomePage, StandardPage
from page_types.models.lighthouse import LighthouseIndexPage, LighthouseStoryPage, Sector
from page_types.models.mint import (
    MintIndexPage,
    MintOccurrence,
    MintOfferPage,
    OfferKind,
    RegistrationStatus,
)
from page_types.models.news import InternalNewsIndexPage, InternalNewsPage, NewsKind
from page_types.models.webhooks import WebhookDelivery, WebhookEndpoint
from page_types.reach import Reach
from page_types.taxonomy import GradeBand, Interest, Language, MintSubject, Municipality, Organisation, Topic
from page_types.versions import ContentVersion

__all__ = [
    "ContactPointIndexPage",
    "ContactPointPage",
    "ContentPage",
    "ContentVersion",
    "Era",
    "GradeBand",
    "GuideProfile",
    "HomePage",
    "InnovationHistoryPage",
    "InnovationMilestonePage",
    "Interest",
    "InternalNewsIndexPage",
    "InternalNewsPage",
    "Language",
    "LighthouseIndexPage",
    "LighthouseStoryPage",
    "ListingIndexPage",
    "MintIndexPage",
    "MintOccurrence",
    "MintOfferPage",
    "MintSubject",
    "Municipality",
    "NewsKind",
    "OfferKind",
    "RegistrationStatus",
    "Reach",
    "Organisation",
    "Sector",
    "SettlementGuidePage",
    "StandardPage",
    "Topic",
    "WebhookDelivery",
    "WebhookEndpoint",
]

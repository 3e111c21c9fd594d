"""Subscriptions: double opt-in, preference centre, unsubscribe, suppressions and data subject rights.

The service functions below hold all logic; the public pages, the JSON API, the admin and the management
commands only validate input and call them. The campaign engine calls ``unsubscribe``, ``record_bounce``
and ``record_complaint``.
"""

from campaigns.subscriptions.facets import Facets
from campaigns.subscriptions.gdpr import erase_subscriber, export_subscriber, purge_pending_subscribers
from campaigns.subscriptions.preferences import unsubscribe, update_preferences
from campaigns.subscriptions.signup import confirm, find_subscriber, request_subscription
from campaigns.subscriptions.suppressions import record_bounce, record_complaint

__all__ = [
    "Facets",
    "confirm",
    "erase_subscriber",
    "export_subscriber",
    "find_subscriber",
    "purge_pending_subscribers",
    "record_bounce",
    "record_complaint",
    "request_subscription",
    "unsubscribe",
    "update_preferences",
]

"""Signals of the subscription flow, for plugins of the plugin (the welcome mail) to act on."""

from django.dispatch import Signal

#: Sent inside the transaction that made ``subscription`` active after a confirmation (or a guardian's).
subscription_activated = Signal()

"""A confirmed subscription gets its welcome mail queued, in the transaction that activated it."""

from django.dispatch import receiver

from campaigns.models import Subscription
from campaigns.subscriptions.signals import subscription_activated
from campaigns.welcome.sending import queue_welcome


@receiver(subscription_activated, sender=Subscription, dispatch_uid="campaigns.welcome")
def welcome(sender, subscription: Subscription, **kwargs) -> None:
    queue_welcome(subscription)

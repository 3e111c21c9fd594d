"""Outgoing webhooks after the Standard Webhooks specification (https://www.standardwebhooks.com/).

``events`` names the events and queues one message per subscribed endpoint when the change is committed;
``delivery`` signs (``signing``) and posts each message in a django-q2 task, retrying with exponential
back-off; ``page_events`` announces published, unpublished and deleted pages. Other plugins announce their
own events through the same functions (the campaigns plugin: sent campaigns and subscription changes).
"""

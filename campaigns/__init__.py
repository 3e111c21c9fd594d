"""Outreach plugin: channels, subscribers, consent, campaigns, deliveries, feeds and the subscription API.

It reads content only through ``page_types``' public helpers; ``page_types`` never imports this package.
"""

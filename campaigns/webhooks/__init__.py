"""ESP webhooks: only the installation's own ESP is mounted, and only with proof of who calls.

``receivers`` turns django-anymail's normalised events into suppressions and unsubscriptions; ``esp`` knows
which ESP the installation uses and whether its webhooks can tell the ESP from anybody else; ``urls`` mounts
that ESP's webhooks (none for plain SMTP) and refuses every call while they cannot.
"""

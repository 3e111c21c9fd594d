"""The outreach plugin's JSON API: a django-ninja router for subscriptions and its German error handlers.

A host mounts it on its own ``NinjaAPI`` (``api.add_router("/v1/subscriptions", router)``) and installs the
handlers with ``errors.install(api)``; see README, "Use the plugins in your own Wagtail site".
"""

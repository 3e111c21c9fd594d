"""The content API: Wagtail API v2 at ``/api/v2/`` with the project's filters, caching and error format.

``router`` registers the endpoints, ``endpoints`` holds them, ``parameters`` validates query strings,
``caching`` answers conditional requests and ``signal_handlers`` tells it when content changed.
"""

"""Site search: one box, results across the content families, filters as links, highlighted matches.

The host mounts ``views.search`` (``/suche/``, URL name ``search``). Pages are found by the configured Wagtail
search backend (PostgreSQL full-text search with the German configuration in production) and narrowed by
``ContentPageQuerySet.matching``, the rule every outlet shares.
"""

"""Content plugin: Wagtail page types, StreamField blocks and taxonomies of Leuchtturm.

This app knows nothing of newsletters; the outreach plugin (``campaigns``) reads its pages through the
``audience_facets`` view and the selection rules of ``ContentPageQuerySet`` (``page_types.models.querysets``).
"""

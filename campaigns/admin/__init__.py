"""Wagtail admin for newsletter issues: the viewset and the dispatch views (preview, test, send, report)."""

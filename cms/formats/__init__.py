"""Locale format overrides of the host (``FORMAT_MODULE_PATH``)."""

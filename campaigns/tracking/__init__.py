"""Opt-in open and click measurement: the redirect and pixel endpoints and the counting behind them.

Nothing here runs for a mail that was not measured: only tracked variants (``campaigns.rendering.tracking``)
link to these endpoints, and an open or click is counted only while the channel allows measurement and the
subscriber consents.
"""

"""Feeds and calendars of the public channels: RSS 2.0, Atom, JSON Feed 1.1 and iCalendar.

Every outlet selects its pages with ``campaigns.selection.select_content`` — the rule a channel's newsletter
uses — narrowed by the reader's validated filters, so a feed shows what the newsletter would.
"""

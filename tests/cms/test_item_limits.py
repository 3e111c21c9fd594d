"""The table "Most items in one answer" in docs/API.md states the numbers the code reads: the content API's
``limit`` (``WAGTAILAPI_LIMIT_MAX`` of the host, the API's default), the feeds' and the calendar's."""

import re
from pathlib import Path

from django.conf import settings

from campaigns import app_settings
from page_types.api.endpoints import DEFAULT_LIMIT

DOCS = Path(__file__).resolve().parents[2] / "docs" / "API.md"


def table_rows() -> dict[str, tuple[str, str]]:
    """The table's rows: each list's default and most, by the list's first words."""
    section = DOCS.read_text(encoding="utf-8").split("### Most items in one answer", 1)[1]
    rows = re.findall(r"^\| (?!list |---)(.+?) \| (\S+) \| (\S+) \|", section.split("\n\n")[2], re.MULTILINE)
    return {name: (default, most) for name, default, most in rows}


def test_the_documented_numbers_are_the_ones_read():
    rows = table_rows()
    assert rows["`/api/v2/pages/`, `/images/`, `/documents/`"] == (
        str(DEFAULT_LIMIT),
        str(settings.WAGTAILAPI_LIMIT_MAX),
    )
    assert rows["RSS, Atom and JSON Feed"] == (
        str(app_settings.feed_items()),
        str(app_settings.feed_max_items()),
    )
    assert rows["calendar (`.ics`)"] == (
        str(app_settings.calendar_events()),
        str(app_settings.feed_max_items()),
    )

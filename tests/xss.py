"""A stored-XSS payload and a detector for where it would execute.

The payload carries a marker so that the detector finds *our* script and handlers only — the Wagtail admin
has inline scripts of its own. Markup that shows the payload as text has escaped it; markup in which it
became a ``<script>`` element, an ``on…`` handler or a ``javascript:`` URL would run it.
"""

from html.parser import HTMLParser

MARKER = "XSS-7f3a"
PAYLOAD = (
    f"<script>alert('{MARKER}')</script>"
    f"<img src=x onerror=\"alert('{MARKER}')\">"
    f"<a href=\"javascript:alert('{MARKER}')\">{MARKER}</a>"
    f"\"'><svg onload=alert('{MARKER}')>"
)
# For fields of at most 120 characters (names, subjects).
SHORT_PAYLOAD = f"<script>alert('{MARKER}')</script><img src=x onerror=\"alert('{MARKER}')\">"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


class _SinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sinks: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            # A data block (JSON-LD) never runs; a payload that ended it would open a script that does.
            self._in_script = (dict(attrs).get("type") or "").lower() not in DATA_BLOCK_TYPES
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARKER in value:
                self.sinks.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:") and MARKER in value:
                self.sinks.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and MARKER in data:
            self.sinks.append(f"<script>{data}</script>")
        elif not self._in_script:
            self.text.append(data)


def executable_payloads(html: str) -> list[str]:
    """Where the payload would run in ``html``: script elements, event handlers, ``javascript:`` URLs."""
    finder = _SinkFinder()
    finder.feed(html)
    finder.close()
    return finder.sinks


def shown_as_text(html: str, payload: str = PAYLOAD) -> bool:
    """True when the whole payload appears in ``html`` as visible text, i.e. escaped rather than dropped."""
    finder = _SinkFinder()
    finder.feed(html)
    finder.close()
    return payload in "".join(finder.text)

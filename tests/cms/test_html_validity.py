"""The main pages are valid HTML, checked as the Nu HTML Checker would check the essentials.

The W3C's checker (vnu.jar) needs Java and is not installable here from a package registry, so the check is
ours: html5lib parses every page with the WHATWG parsing algorithm in strict mode, which fails on any parse
error (stray or misnested end tags, duplicate attributes, unclosed elements, a bad doctype), and the rules
below add what the parser does not judge: unique ids, references to ids (``for``, ``aria-*``), no
interactive element inside another, metadata only in the head, valid ``<time datetime>`` values and JSON-LD
that parses.
"""

import json
import re
from datetime import date, datetime

import html5lib
import pytest
from bs4 import BeautifulSoup

from tests.campaigns.subscribing import newsletter_channels  # noqa: F401 — the sign-up page's channels
from tests.page_types.conftest import content, content_keys, site, site_keys  # noqa: F401 — one filled page per family

INTERACTIVE = ["a", "button", "input", "select", "textarea", "details", "label"]
ID_REFERENCES = ("for", "aria-labelledby", "aria-describedby", "aria-controls")
HEAD_ONLY = ["title", "base", "link", "meta", "style"]
DURATION_OR_YEAR = re.compile(r"-?\d{4}")


def valid_time(value: str) -> bool:
    for parse in (datetime.fromisoformat, date.fromisoformat):
        try:
            parse(value)
            return True
        except ValueError:
            pass
    return bool(DURATION_OR_YEAR.fullmatch(value))


def problems(html: str) -> list[str]:
    """Everything wrong with a page, as readable lines (empty when the page is valid)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(html)
    except html5lib.html5parser.ParseError as error:
        line, column = parser.errors[-1][0] if parser.errors else ("?", "?")
        return [f"parse error at {line}:{column}: {error}"]
    document = BeautifulSoup(html, "html5lib")
    found = []
    ids = [tag["id"] for tag in document.find_all(id=True)]
    found += [f"duplicate id {name!r}" for name in sorted({i for i in ids if ids.count(i) > 1})]
    for tag in document.find_all(lambda tag: any(tag.has_attr(name) for name in ID_REFERENCES)):
        for name in ID_REFERENCES:
            for target in (tag.get(name) or "").split():
                if target not in ids:
                    found.append(f"<{tag.name} {name}={target!r}> names no element")
    for tag in document.find_all(["a", "button"]):
        nested = tag.find(INTERACTIVE)
        if nested is not None:
            found.append(f"<{nested.name}> inside <{tag.name}>")
    found += [f"<{tag.name}> outside the head" for tag in document.body.find_all(HEAD_ONLY)]
    if len(document.find_all("title")) != 1:
        found.append("not exactly one <title>")
    for tag in document.find_all("time", datetime=True):
        if not valid_time(tag["datetime"]):
            found.append(f"<time datetime={tag['datetime']!r}> is no valid date or time")
    for script in document.find_all("script", type="application/ld+json"):
        try:
            json.loads(script.string)
        except (TypeError, ValueError):
            found.append("JSON-LD that does not parse")
    return found


@pytest.fixture
def pages(content, newsletter_channels) -> dict[str, str]:  # noqa: F811 — the imported fixtures
    """The main pages by name: home, every index and content page, search, legal, newsletter, feeds, 404."""
    urls = {key: content[key].url for key in ("home", "lighthouse", "mint", "history", "news")}
    urls |= {key: content[key].url for key in ("story", "offer", "milestone", "impressum")}
    urls["news item"] = content["news"].url
    urls |= {
        "search": "/suche/",
        "search results": "/suche/?q=Roboter",
        "search filtered": "/suche/?q=Roboter&family=leuchtturm-geschichten",
        "search without results": "/suche/?q=Robotk",
        "search with bad filter": "/suche/?q=x&interest=gibts-nicht",
        "filtered index": f"{content['mint'].url}?subject=informatik&past=on",
        "bad index filter": f"{content['mint'].url}?subject=latein",
        "newsletter": "/newsletter/",
        "feeds": "/feeds/",
        "not found": "/gibts-nicht/",
    }
    return urls


def test_the_main_pages_are_valid_html(client, pages):
    report = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response["Content-Type"].startswith("text/html"), name
        if found := problems(response.content.decode()):
            report[name] = found
    assert report == {}


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p>Text</div>", "parse error"),
        ('<p id="a">x</p><p id="a">y</p>', "duplicate id"),
        ('<label for="nirgends">Name</label>', "names no element"),
        ('<a href="/">Mehr <a href="/x">dazu</a></a>', "parse error"),
        ('<a href="/"><button>Los</button></a>', "<button> inside <a>"),
        ('<p><time datetime="gestern">gestern</time></p>', "no valid date"),
        ('<p title="a" title="b">x</p>', "parse error"),
        ('<script type="application/ld+json">{kaputt</script>', "does not parse"),
        ("<div/>", "parse error"),
    ],
)
def test_the_check_finds_what_the_nu_checker_would(html, problem):
    page = f"<!DOCTYPE html><html lang='de'><head><title>T</title></head><body>{html}</body></html>"
    assert any(problem in line for line in problems(page)), problems(page)


def test_a_valid_page_passes_the_check():
    page = (
        "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>T</title></head>"
        "<body><label for='q'>Suche</label><input id='q'><p><time datetime='2025-01-14'>14.1.</time></p>"
        "</body></html>"
    )
    assert problems(page) == []

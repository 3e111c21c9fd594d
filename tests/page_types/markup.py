"""Checks of rendered public pages for the structure that WCAG 2.1 AA and screen readers depend on.

Every rendering test passes its HTML through ``assert_accessible_structure`` so that a template change that
drops a label, an alt text or the page language, or that skips a heading level, fails a test at once.
"""

from bs4 import BeautifulSoup

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def soup(response) -> BeautifulSoup:
    """The parsed HTML of a response."""
    return parse(response.content.decode())


def text_of(response) -> str:
    """The visible text of a response, with whitespace collapsed (for assertions on content)."""
    return " ".join(soup(response).get_text(" ").split())


def heading_levels(document: BeautifulSoup) -> list[int]:
    return [int(tag.name[1]) for tag in document.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def assert_accessible_structure(document: BeautifulSoup) -> None:
    """One h1, no skipped heading level, German page language, alt on every image, a label for every field,
    the landmarks and the skip link to the main content."""
    assert document.html.get("lang") == "de"
    levels = heading_levels(document)
    assert levels.count(1) == 1, f"expected exactly one h1, found headings {levels}"
    assert levels[0] == 1, f"the first heading must be the h1, found {levels}"
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"heading level skipped: {levels}"
    for image in document.find_all("img"):
        assert image.has_attr("alt"), f"image without alt attribute: {image}"
    labelled = {label.get("for") for label in document.find_all("label")}
    for field in document.find_all(["input", "select", "textarea"]):
        if field.name == "input" and field.get("type") in UNLABELLED_INPUT_TYPES:
            continue
        assert field.get("id") in labelled or field.get("aria-label"), f"field without label: {field}"
    assert len(document.find_all("main")) == 1
    assert document.find("header") and document.find("footer") and document.find("nav")
    skip_link = document.find("a", class_="skip-link")
    main = document.find("main")
    assert skip_link and skip_link["href"] == f"#{main['id']}"

"""The site's chrome, assets and admin: German, self-contained (no third-party assets), CSP-compatible
templates, a stylesheet that keeps contrast, focus and reduced motion, and German error pages."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.template import engines
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.factories import make_admin, make_image, make_news, make_site, make_story
from tests.page_types.markup import assert_accessible_structure, parse, soup, text_of

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_DIRS = [ROOT / "templates", ROOT / "page_types" / "templates"]
SITE_TEMPLATES = [path for directory in TEMPLATE_DIRS for path in directory.rglob("*.html")]
TEMPLATE_FILES = [
    path
    for directory in (ROOT / "templates", *(ROOT / app / "templates" for app in ("page_types", "campaigns")))
    for path in directory.rglob("*.*")
]
STATIC_FILES = [
    path for app in ("cms", "page_types", "campaigns") for path in (ROOT / app / "static").rglob("*.*")
]
STYLESHEET = ROOT / "cms" / "static" / "cms" / "site.css"

ASSET_TAG = re.compile(
    r"<(?:link|script|img|iframe|source|video|audio|embed|object|track)\b[^>]*?"
    r"\b(?:src|href|srcset|data|poster)\s*=\s*[\"']\s*(?:https?:)?//",
    re.IGNORECASE,
)
CSS_REMOTE = re.compile(r"(?:url\(\s*[\"']?\s*(?:https?:)?//|@import)", re.IGNORECASE)
ANY_URL = re.compile(r"(?:https?:)?//[a-z0-9-]+\.[a-z0-9.-]+", re.IGNORECASE)
# Links that make the browser load something; canonical and alternate links only name an address.
ASSET_RELATIONS = ["stylesheet", "icon", "preload", "modulepreload", "manifest"]
XML_NAMESPACE = re.compile(r"xmlns(?::\w+)?=\"http://www\.w3\.org/[^\"]*\"")


def test_the_scan_covers_the_site_templates_and_the_stylesheet():
    names = {
        path.relative_to(directory).as_posix()
        for directory in TEMPLATE_DIRS
        for path in SITE_TEMPLATES
        if path.is_relative_to(directory)
    }
    assert {"base.html", "page_types/home_page.html", "page_types/blocks/embed.html"} <= names
    assert STYLESHEET in STATIC_FILES


@pytest.mark.parametrize("path", [*TEMPLATE_FILES, *STATIC_FILES], ids=str)
def test_no_template_or_static_file_references_another_host(path):
    text = XML_NAMESPACE.sub("", path.read_text(encoding="utf-8"))
    assert not ASSET_TAG.search(text), "external asset"
    assert not ANY_URL.search(text), f"literal URL {ANY_URL.search(text).group()}"
    if path.suffix == ".css":
        assert not CSS_REMOTE.search(text)


@pytest.mark.parametrize("path", SITE_TEMPLATES, ids=lambda path: path.name)
def test_site_templates_have_no_inline_script_or_style_the_csp_would_block(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script\b|<style\b|\sstyle\s*=|\son[a-z]+\s*=", text, re.IGNORECASE)


def test_a_rendered_page_loads_assets_from_its_own_origin_only(client, db):
    site = make_site()
    story = make_story(site["lighthouse"])
    story.listing_image, story.listing_image_alt = make_image(), "Ein Bild"
    story.save_revision().publish()
    for url in ("/", site["lighthouse"].url, story.url):
        document = soup(client.get(url))
        assets = [
            *document.find_all("link", rel=ASSET_RELATIONS),
            *document.find_all("script", src=True),
            *document.find_all("img"),
        ]
        sources = [tag.get("src") or tag.get("href") for tag in assets]
        assert sources and all(source.startswith("/") and not source.startswith("//") for source in sources)


def test_the_site_has_its_own_icon_and_favicon_ico_finds_it(client, db):
    """Browsers request /favicon.ico on every visit; it leads to the icon the pages link, served by us."""
    make_site()
    icon = soup(client.get("/")).find("link", rel="icon")
    assert icon is not None and icon["href"].startswith("/static/") and icon["href"].endswith(".svg")

    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301
    assert redirect["Location"] == "/static/cms/favicon.svg"
    for url in (redirect["Location"], icon["href"]):
        served = client.get(url)
        assert served.status_code == 200
        assert served["Content-Type"].startswith("image/svg+xml")
        assert b"#0b3d6e" in b"".join(served.streaming_content if served.streaming else [served.content])


def test_the_main_navigation_leads_to_the_feed_and_calendar_overview(client, db):
    """Feeds and calendars are found from every page, named as the overview's heading names them."""
    make_site()
    nav = soup(client.get("/")).find("nav", attrs={"aria-label": "Hauptnavigation"})
    link = nav.find("a", href="/feeds/")
    assert link and link.get_text(strip=True) == "Feeds und Kalender"
    overview = soup(client.get("/feeds/"))
    assert overview.h1.get_text(strip=True) == "Feeds und Kalender"
    current = overview.find("nav", attrs={"aria-label": "Hauptnavigation"}).find("a", href="/feeds/")
    assert current["aria-current"] == "page"


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        ("text", "background"),
        ("text", "surface"),
        ("muted", "background"),
        ("muted", "surface"),
        ("brand", "background"),
        ("brand", "surface"),
        ("brand-dark", "surface"),
        ("on-brand", "brand"),
        ("on-brand", "brand-dark"),
        ("error", "background"),
        ("focus-ring", "focus"),
    ],
)
def test_stylesheet_colour_pairs_meet_wcag_aa_contrast(foreground, background):
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", STYLESHEET.read_text()))
    assert contrast(colours[foreground], colours[background]) >= 4.5


def test_stylesheet_keeps_focus_visible_uses_system_fonts_and_respects_reduced_motion():
    css = STYLESHEET.read_text()
    focus_rule = re.search(r"(?m)^:focus-visible\s*\{([^}]*)\}", css)
    assert focus_rule and "outline: 3px solid" in focus_rule.group(1)
    # The only focus outline removed is the programmatic focus of <main> after the skip link.
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if re.search(r"outline:\s*(none|0)\b", body):
            assert selector.strip() == "main:focus-visible"
    assert "system-ui" in css and "@font-face" not in css
    assert "@media (prefers-reduced-motion: reduce)" in css
    assert ".skip-link:focus" in css


def test_base_template_offers_an_extra_head_block_inside_head(rf, db):
    template = engines["django"].from_string(
        '{% extends "base.html" %}'
        '{% block extra_head %}<link rel="alternate" href="/feeds/x/rss/">{% endblock %}'
    )
    document = parse(template.render({}, rf.get("/")))
    assert document.head.find("link", rel="alternate")


def test_pages_stay_german_for_a_browser_that_prefers_english(client, db):
    """The text exists in German only, so ``lang`` and the dates must not follow ``Accept-Language``."""
    site = make_site()
    news = make_news(site["news"], "Märzbericht")
    news.publish_date = date(2025, 3, 14)
    news.save_revision().publish()
    for url in (news.url, "/es-gibt-diese-seite-nicht/"):
        response = client.get(url, headers={"accept-language": "en-US,en;q=0.9"})
        assert parse(response.content.decode()).html["lang"] == "de", url
    assert "14. März 2025" in text_of(client.get(news.url, headers={"accept-language": "en"}))


def test_the_site_announces_the_german_it_renders_to_an_english_browser(client, db):
    make_site()
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Content-Language"] == "de"
    assert parse(response.content.decode()).html["lang"] == "de"
    assert "Accept-Language" not in response.get("Vary", "")


def test_admin_follows_the_users_chosen_language(client, db):
    client.force_login(make_admin("en"))
    response = client.get("/admin/", headers={"accept-language": "de"})
    assert soup(response).html["lang"] == "en"
    assert response["Content-Language"] == "en"
    assert "Log out" in response.content.decode()


def test_admin_messages_follow_the_users_chosen_language_not_the_browsers(client, db):
    """Wagtail words "permission denied" after its view, outside the user's language: still English."""
    site = make_site()
    client.force_login(make_admin("en"))
    # There is one lighthouse index already, and there may be only one.
    url = f"/admin/pages/add/page_types/lighthouseindexpage/{site['home'].pk}/"
    response = client.get(url, headers={"accept-language": "de"}, follow=True)
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert "keinen Zugang" not in response.content.decode()


def test_unknown_address_is_a_german_404_page(client, db):
    make_site()
    response = client.get("/es-gibt-diese-seite-nicht/")
    assert response.status_code == 404
    assert_accessible_structure(soup(response))
    assert "Seite nicht gefunden" in text_of(response)


def test_server_error_page_is_german_and_needs_no_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    document = parse(response.content.decode())
    assert document.html["lang"] == "de"
    assert document.h1.get_text(strip=True) == "Technischer Fehler"


def test_admin_login_page_is_german(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    document = soup(response)
    assert document.html["lang"] == "de"
    assert document.h1.get_text(strip=True) == "Bei Wagtail anmelden"


def test_admin_dashboard_is_german_for_a_superuser(client, db):
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "x"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "de"
    content = response.content.decode()
    assert "Abmelden" in content and "Vokabular" in content
    assert "Log out" not in content

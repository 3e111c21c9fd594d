"""The page tree of the demo site: the home page as the default site's root, the index pages, the legal pages.

The home page replaces Wagtail's "Welcome" page. The default site answers every host name that no other
site claims, so the home page is served on 127.0.0.1 and localhost, on port 8000 as on port 80. Its host
and port are those of ``WAGTAILADMIN_BASE_URL`` (``make run``'s http://127.0.0.1:8000 by default), because
Wagtail builds the absolute page URLs of the API and of mails from them, not from the request.
"""

from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page, Site

from cms.demo.context import DemoContext
from cms.demo.legal import IMPRESSUM, privacy_notice
from cms.demo.pages import ensure_child
from page_types.models import (
    ContactPointIndexPage,
    HomePage,
    InnovationHistoryPage,
    InternalNewsIndexPage,
    LighthouseIndexPage,
    ListingIndexPage,
    MintIndexPage,
    SettlementGuidePage,
    StandardPage,
)

HOME_SLUG = "start"
WAGTAIL_WELCOME_SLUG = "home"
HOME_TITLE = "Wirtschaft im Landkreis Ludwigsburg"
HOME_INTRO = (
    "<p>Leuchttürme, MINT-Angebote für junge Menschen, Innovationsgeschichte und Nachrichten aus den 39 "
    "Städten und Gemeinden des Landkreises Ludwigsburg – zusammengestellt von der Wirtschaftsförderung.</p>"
)


@dataclass(frozen=True)
class IndexSpec:
    """An index page; ``key`` names it in ``DemoContext.pages``."""

    key: str
    model: type[ListingIndexPage | SettlementGuidePage]
    slug: str
    title: str
    intro: str


INDEXES = (
    IndexSpec(
        "lighthouse",
        LighthouseIndexPage,
        "leuchttuerme",
        "Leuchttürme",
        "<p>Unternehmen, Hochschulen und Projekte, die zeigen, was im Landkreis Ludwigsburg möglich ist.</p>",
    ),
    IndexSpec(
        "mint",
        MintIndexPage,
        "mint",
        "MINT-Angebote",
        "<p>Workshops, Praktika, Ferienprogramme und Wettbewerbe in Mathematik, Informatik, "
        "Naturwissenschaften und Technik – für Kinder, Jugendliche, Lehrkräfte und Eltern.</p>",
    ),
    IndexSpec(
        "history",
        InnovationHistoryPage,
        "geschichte",
        "Innovationsgeschichte",
        "<p>Vom Residenzschloss bis zur KI-Werkstatt: Meilensteine des Unternehmergeists im Landkreis.</p>",
    ),
    IndexSpec(
        "news",
        InternalNewsIndexPage,
        "nachrichten",
        "Nachrichten",
        "<p>Was die Wirtschaft für den Landkreis und seine Kommunen bedeutet – Nachrichten, Erklärstücke "
        "und Interviews.</p>",
    ),
    IndexSpec(
        "contacts",
        ContactPointIndexPage,
        "anlaufstellen",
        "Anlaufstellen",
        "<p>Wer hilft beim Ankommen? Beratung zu Arbeit, Anerkennung von Abschlüssen, Sprache, Wohnen und "
        "Familie – in vielen Sprachen. Die Einträge dieser Demo sind erfunden.</p>",
    ),
    IndexSpec(
        "guide",
        SettlementGuidePage,
        "wegweiser",
        "Wegweiser",
        "<p>Was bietet mir der Landkreis Ludwigsburg, wenn ich hierherziehe? Wählen Sie, als wer Sie kommen "
        "und wo Sie wohnen möchten – der Wegweiser zeigt Anlaufstellen, Angebote und Newsletter.</p>",
    ),
)


def build_site(ctx: DemoContext) -> int:
    """Create the home page, its index and legal pages and make it the default site's root.

    Fills ``ctx.pages`` with the home page and the index pages; returns how many pages were new.
    """
    root = Page.get_first_root_node()
    home, created = ensure_child(
        root, HOME_SLUG, partial(HomePage, title=HOME_TITLE, slug=HOME_SLUG, intro=HOME_INTRO)
    )
    _serve_on_default_site(home)
    _remove_welcome_page(root)
    ctx.pages["home"] = home
    for index in INDEXES:
        ctx.pages[index.key], is_new = ensure_child(
            home,
            index.slug,
            partial(index.model, title=index.title, slug=index.slug, intro=index.intro, show_in_menus=True),
        )
        created += is_new
    legal_pages = (("impressum", "Impressum", IMPRESSUM), ("datenschutz", "Datenschutz", privacy_notice()))
    for slug, title, body in legal_pages:
        _page, is_new = ensure_child(home, slug, partial(StandardPage, title=title, slug=slug, body=body))
        created += is_new
    return created


def _serve_on_default_site(home: HomePage) -> None:
    """Root the default site (Wagtail's initial one, localhost:80) on the home page, at the public address."""
    hostname, port = public_address()
    site = (
        Site.objects.filter(is_default_site=True).first()
        or Site.objects.filter(hostname="localhost", port=80).first()
        or Site()
    )
    wanted = {"root_page_id": home.pk, "is_default_site": True, "hostname": hostname, "port": port}
    if site.pk and all(getattr(site, field) == value for field, value in wanted.items()):
        return
    for field, value in wanted.items():
        setattr(site, field, value)
    site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    site.save()


def public_address() -> tuple[str, int]:
    """Host name and port of ``WAGTAILADMIN_BASE_URL``, the port defaulting to the scheme's."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


def _remove_welcome_page(root: Page) -> None:
    """Delete Wagtail's initial "Welcome" page (a plain ``Page``) once no site is rooted on it."""
    welcome = (
        root.get_children().exact_type(Page).filter(slug=WAGTAIL_WELCOME_SLUG, sites_rooted_here__isnull=True)
    )
    for page in welcome:
        page.delete()

"""Journey 4 — accessibility: axe-core finds no serious or critical violation on the pages people use.

axe-core is the copy bundled with axe-playwright-python (nothing is fetched at run time); it runs in
Chromium on the demo site's real pages, after their styles and scripts loaded, so colour contrast, names of
controls, landmarks and ARIA are judged as a visitor's browser shows them. Detail pages are reached the way
a reader reaches them, through the first card of their index. A control run on a deliberately broken page
proves that the harness reports violations at all.
"""

import pytest

from tests.e2e.conftest import log_in
from tests.e2e.live_site import CAMPAIGN_MANAGER, LiveSite

BLOCKING_IMPACTS = ("serious", "critical")

INDEXES = {
    "lighthouse": "/leuchttuerme/",
    "mint": "/mint/",
    "history": "/geschichte/",
    "news": "/nachrichten/",
}


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the current page (WCAG 2.x A/AA and best practice)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    """One line per violation and affected element, readable in a failure message."""
    return "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {node['target']}: {node['failureSummary']}"
        for v in violations
        for node in v["nodes"]
    )


def assert_accessible(page, screenshots, step: str) -> None:
    page.wait_for_load_state("networkidle")
    screenshots.take(page, step)
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"


def test_the_harness_reports_violations(page):
    """Control: an image without a text alternative and an unnamed button are found and count as blocking."""
    page.set_content('<html><body><img src="data:,"><button></button></body></html>')
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "button-name"} <= found


def test_home_page(page, screenshots):
    page.goto("/")
    assert_accessible(page, screenshots, "home")


@pytest.mark.parametrize("family", list(INDEXES))
def test_index_and_detail_pages(page, screenshots, family):
    """Each family's index with its filter form, and the first page it lists."""
    page.goto(INDEXES[family])
    assert page.locator("article.card").count() > 0, f"{INDEXES[family]} lists nothing"
    assert_accessible(page, screenshots, f"{family} index")
    page.locator("article.card .card-title a").first.click()
    page.wait_for_url(f"**{INDEXES[family]}*/")
    assert_accessible(page, screenshots, f"{family} detail")


@pytest.mark.parametrize(
    ("step", "query"),
    [
        ("search results", "?q=Roboter"),
        ("search narrowed", "?q=Roboter&family=mint-angebote"),
        ("search near miss", "?q=Robtoer"),
        ("search bad filter", "?q=Roboter&interest=gibts-nicht"),
    ],
)
def test_search_page(page, screenshots, step, query):
    """The search with results and filter links, narrowed, with a near miss, and with a bad filter."""
    page.goto(f"/suche/{query}")
    assert_accessible(page, screenshots, step)


def test_text_page(page, screenshots):
    page.goto("/impressum/")
    assert_accessible(page, screenshots, "impressum")


def test_signup_form_with_and_without_errors(page, screenshots):
    page.goto("/newsletter/")
    assert_accessible(page, screenshots, "signup")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_selector(".nl-invalid")
    assert_accessible(page, screenshots, "signup errors")


def test_preference_centre(page, screenshots, site: LiveSite):
    """The preference centre of a demo teacher, opened through a signed link as from a newsletter."""
    path = site.query(
        """
from django.urls import reverse
from campaigns.models import Subscriber
from campaigns.tokens import PREFERENCES, make_token
teacher = Subscriber.objects.filter(role="teacher", subjects__isnull=False).order_by("pk").first()
result = reverse("newsletter:preferences", kwargs={"token": make_token(teacher, PREFERENCES)})
"""
    )
    page.goto(path)
    assert page.get_by_role("heading", name="Ihre Newsletter-Einstellungen").is_visible()
    assert_accessible(page, screenshots, "preferences")


def test_the_newsletter_pages_in_english(page, screenshots):
    page.goto("/en/newsletter/")
    assert page.get_by_role("heading", name="Subscribe to the newsletter").is_visible()
    assert_accessible(page, screenshots, "signup in English")


def test_my_data(page, screenshots, site: LiveSite):
    """ "Meine Daten" of a demo reader, reached through the preference centre's signed link."""
    path = site.query(
        """
from django.urls import reverse
from campaigns.models import Subscriber
from campaigns.tokens import PREFERENCES, make_token
reader = Subscriber.objects.filter(subjects__isnull=False).order_by("pk").first()
result = reverse("newsletter:my_data", kwargs={"token": make_token(reader, PREFERENCES)})
"""
    )
    page.goto(path)
    assert_accessible(page, screenshots, "my data")


def test_the_dispatch_page_the_reader_preview_and_the_send_summary(page, screenshots, site: LiveSite):
    """The editor's pages of an issue: the demo's approved issue of "Leuchttürme & Innovation", which no
    journey sends. The send summary is opened, not confirmed."""
    issue = site.query(
        """
from campaigns.models import Campaign
result = Campaign.objects.get(channel__slug="leuchttuerme", status="draft").pk
"""
    )
    log_in(page, CAMPAIGN_MANAGER)
    page.goto(f"/admin/campaigns/campaigns/dispatch/{issue}/")
    page.locator("#content-heading").wait_for()
    assert_accessible(page, screenshots, "dispatch page")
    dispatch = page.url
    page.get_by_role("link", name="Vorschau als Leserin oder Leser").click()
    assert_accessible(page, screenshots, "reader preview")
    page.goto(dispatch)
    page.get_by_role("button", name="Senden…").click()
    page.locator("#summary-heading").wait_for()
    assert_accessible(page, screenshots, "send summary")

"""Fixtures of the browser journeys: the live site, Debian's Chromium driven by Playwright, screenshots.

Chromium is never downloaded: the tests use the distribution's ``/usr/bin/chromium`` (``.ci/run`` installs
it). Without it, or without Playwright, every test here is skipped with the reason — and fails in CI, where a
missing browser must not turn into a green run that tested nothing.

The site runs once for the whole package (preparing it takes a minute); the browser once per module, since
Playwright's synchronous API keeps an event loop in the test thread, which the in-process Django of other
test modules refuses to share.
"""

import contextlib
import re
import shutil
from pathlib import Path

import pytest

from tests import services
from tests.e2e.live_site import PASSWORD, LiveSite, running_site

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 20_000


@pytest.fixture(scope="package", autouse=True)
def chromium() -> str:
    """Debian's Chromium; skips the package without it (fails in CI). Runs before the site is started."""
    services.require(services.browser_problem())
    return services.chromium_executable()


@pytest.fixture(scope="package")
def site(tmp_path_factory) -> LiveSite:
    """The demo site served by gunicorn and a qcluster on a free loopback port, mailing into a sink."""
    with running_site(tmp_path_factory.mktemp("e2e-site"), ARTIFACTS / "logs" / "e2e") as live:
        yield live


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so that fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(browser, site, request):
    """A fresh browser profile (no cookies) on the site, in German, as a visitor arrives.

    When the test fails, the page as it was is saved next to the test's screenshots as ``failure.png``.
    """
    page = new_page(browser, site)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        from playwright.sync_api import Error

        directory = screenshot_directory(request.node)
        directory.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Error):  # a page stuck in a navigation cannot be photographed
            page.screenshot(path=str(directory / "failure.png"), full_page=True, timeout=5_000)
    page.context.close()


def new_page(browser, site: LiveSite):
    """A page in a fresh browser profile (no cookies) on the site, in German."""
    context = browser.new_context(base_url=site.url, locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


class Screenshots:
    """Numbered full-page screenshots of a test's key steps under ``test-artifacts/screenshots/``."""

    def __init__(self, directory: Path) -> None:
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        self.directory = directory
        self.count = 0

    def take(self, page, step: str, region=None) -> Path:
        """Save the whole page (the admin: its visible part), or the view scrolled to the top of the element
        ``region`` (a locator); scrolling through the page first loads the images marked ``loading="lazy"``.
        """
        self.count += 1
        path = self.directory / f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', step.lower()).strip('-')}.png"
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, 0)")
        if region is None:
            page.screenshot(path=str(path), full_page=True)
        else:
            region.evaluate("element => element.scrollIntoView({block: 'start', behavior: 'instant'})")
            page.screenshot(path=str(path))
        return path


def screenshot_directory(item) -> Path:
    """``test-artifacts/screenshots/<module>/<test>/``."""
    module = item.module.__name__.rpartition(".")[2]
    return ARTIFACTS / "screenshots" / module / re.sub(r"[^A-Za-z0-9_-]+", "-", item.name).strip("-")


@pytest.fixture
def screenshots(request) -> Screenshots:
    return Screenshots(screenshot_directory(request.node))


def log_in(page, username: str) -> None:
    """Log into the Wagtail admin through its login form."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


SETTLE_SCROLLING = """async () => {
    const areas = [document.querySelector(".content-wrapper"), document.scrollingElement].filter(Boolean);
    const position = () => areas.map((area) => area.scrollTop).join();
    let last = position(), stillFrames = 0;
    while (stillFrames < 5) {
        await new Promise(requestAnimationFrame);
        stillFrames = position() === last ? stillFrames + 1 : 0;
        last = position();
    }
}"""


def settle_scrolling(page) -> None:
    """Wait until the admin's content area and the document have stopped scrolling.

    Wagtail's admin scrolls with ``scroll-behavior: smooth`` (``.content-wrapper``, or the document on
    pages without it): focusing a field far from the view (``fill``, ``select_option``) starts an animation
    of a second or more, and a click aimed during it lands wherever the moving page puts the pointer — on a
    newsletter preview frame instead of the button, or beside a checkbox.
    """
    page.evaluate(SETTLE_SCROLLING)

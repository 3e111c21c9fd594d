"""Fixtures of the browser journeys: the live site, Debian's Chromium driven by Playwright, screenshots.

Chromium is never downloaded: the tests use the distribution's ``/usr/bin/chromium`` (``.ci/run`` installs
it). Without it, or without Playwright, every test here is skipped with the reason — and fails in CI, where a
missing browser must not turn into a green run that tested nothing.

The site runs once for the whole package (preparing it takes a minute); the browser once per module, since
Playwright's synchronous API keeps an event loop in the test thread, which the in-process Django of other
test modules refuses to share.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests import services
from tests.e2e.live_site import PASSWORD, LiveSite, running_site

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
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


def chromium_executable() -> str | None:
    return next((path for path in CHROMIUM_PATHS if os.access(path, os.X_OK)), shutil.which("chromium"))


def browser_problem() -> str | None:
    """Why the journeys cannot run here, or ``None``."""
    if chromium_executable() is None:
        return "Chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="package", autouse=True)
def chromium() -> str:
    """Debian's Chromium; skips the package without it (fails in CI). Runs before the site is started."""
    services.require(browser_problem())
    return chromium_executable()


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


@pytest.fixture
def page(browser, site):
    """A fresh browser profile (no cookies) on the site, in German, as a visitor arrives."""
    context = browser.new_context(base_url=site.url, locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


class Screenshots:
    """Numbered full-page screenshots of a test's key steps under ``test-artifacts/screenshots/``."""

    def __init__(self, directory: Path) -> None:
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        self.directory = directory
        self.count = 0

    def take(self, page, step: str) -> Path:
        """Save the whole page; scrolling through it first loads the images marked ``loading="lazy"``."""
        self.count += 1
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, 0)")
        path = self.directory / f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', step.lower()).strip('-')}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def screenshots(request) -> Screenshots:
    module = request.node.module.__name__.rpartition(".")[2]
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-")
    return Screenshots(ARTIFACTS / "screenshots" / module / name)


def log_in(page, username: str) -> None:
    """Log into the Wagtail admin through its login form."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))

"""The Content Security Policy holds in a real browser: Wagtail's admin works under it without violations.

Chromium reports every blocked script, style, image or frame as a ``securitypolicyviolation`` event; the
pages below are the admin's heaviest (page editors with StreamField, rich text, date pickers and inline
panels, the image uploader). A control run with the site's strict policy on the admin proves the harness
sees violations and that the admin's wider policy is needed, not decoration.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from tests import services
from tests.factories import make_offer, make_site, make_story

pytestmark = [
    pytest.mark.needs_chromium,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
});
"""
PASSWORD = "csp-Test-passwort-1"


@pytest.fixture(autouse=True)
def orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread with
    a running loop, although the tests' own ORM calls happen only before and after the browser runs."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def editor_pages():
    """A superuser and the admin URLs of a story and a MINT offer editor, the dashboard and the uploader."""
    get_user_model().objects.create_superuser("csp-admin", "csp@example.org", PASSWORD)
    site = make_site()
    story = make_story(site["lighthouse"])
    offer = make_offer(site["mint"])
    return [
        "/admin/",
        f"/admin/pages/{story.pk}/edit/",
        f"/admin/pages/{offer.pk}/edit/",
        f"/admin/pages/{site['lighthouse'].pk}/",
        "/admin/images/multiple/add/",
        "/admin/snippets/",
    ]


def violations_on(
    live_server_url: str, paths: list[str], log_in: bool = True, probe: str = "null"
) -> dict[str, list[str]]:
    """Open each path (after logging in through the admin's login form) and return the violations on it.

    ``probe`` is a JavaScript expression evaluated on each page; a truthy result is reported as well.
    """
    from playwright.sync_api import sync_playwright

    found: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=services.chromium_executable(), args=["--no-sandbox"]
        )
        page = browser.new_context().new_page()
        page.add_init_script(COLLECT_VIOLATIONS)
        if log_in:
            page.goto(f"{live_server_url}/admin/login/")
            found["/admin/login/"] = page.evaluate("window.__cspViolations")
            page.fill("input[name=username]", "csp-admin")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{live_server_url}/admin/")
        for path in paths:
            response = page.goto(f"{live_server_url}{path}", wait_until="networkidle")
            assert response.status == 200, path
            found[path] = page.evaluate("window.__cspViolations")
            if page.evaluate(probe):
                found[path].append(f"probe {probe} is true")
        browser.close()
    return {path: violations for path, violations in found.items() if violations}


def test_wagtail_admin_runs_without_csp_violations(live_server, editor_pages):
    assert violations_on(live_server.url, editor_pages) == {}


def test_public_pages_and_api_docs_run_without_csp_violations(live_server):
    """The strict site policy: content pages, listings, the sign-up page and the API's Swagger page use no
    inline code."""
    site = make_site()
    story = make_story(site["lighthouse"])
    offer = make_offer(site["mint"])
    paths = [
        site["home"].url,
        site["lighthouse"].url,
        story.url,
        site["mint"].url,
        offer.url,
        site["history"].url,
        site["news"].url,
        "/newsletter/",
        "/api/docs",
    ]
    assert violations_on(live_server.url, paths, log_in=False) == {}


def test_a_script_that_got_into_stored_content_does_not_run(live_server):
    """Defence in depth: if markup ever bypassed the editor's sanitising (an import, a shell), the site's
    policy still refuses to run it."""
    site = make_site()
    story = make_story(site["lighthouse"])
    story.body = [
        (
            "paragraph",
            '<p>Import<script>window.__pwned = true</script><img src="/missing.png" '
            'onerror="window.__pwned = true" alt=""></p>',
        )
    ]
    story.save_revision().publish()
    violations = violations_on(live_server.url, [story.url], log_in=False, probe="window.__pwned === true")
    assert not any("probe" in v for v in violations[story.url])
    assert any(v.startswith("script-src-elem") for v in violations[story.url])
    assert any(v.startswith("script-src-attr") for v in violations[story.url])


def test_the_site_policy_would_break_the_admin(live_server, editor_pages):
    """Control: the strict site policy applied to the admin is violated, so the harness catches violations."""
    with override_settings(ADMIN_CONTENT_SECURITY_POLICY=None):
        violations = violations_on(live_server.url, editor_pages[1:2])
    assert any("script-src" in v or "style-src" in v for v in violations.get(editor_pages[1], []))

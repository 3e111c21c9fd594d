"""Journey — a pupil on a phone (390 px wide): from the MINT offers to her calendar and her newsletter.

She opens /mint/, narrows the list to her subject and grade band, and first sees what an empty choice
looks like (in words, with wider searches to try). On the offer the facts — date, place, registration —
come first, within the first screen; "In meinen Kalender" gives a calendar file that a calendar app reads.
From the offer she follows "Newsletter abonnieren", signs up as a pupil, confirms from the mail and lands on
the welcome page. Every page fits the narrow screen without sideways scrolling (WCAG 1.4.10) and stays
clean for axe.
"""

import re
from pathlib import Path

import icalendar

from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.live_site import LiveSite, links_in
from tests.e2e.test_accessibility import axe_violations, describe

ADDRESS = "mia.pupil@example.org"
WIDTH, HEIGHT = 390, 844
OFFER_TITLE = "Robotik-AG: Wir bauen einen Mähroboter"


def phone(browser, site: LiveSite):
    """A fresh phone-sized browser profile in German, with touch."""
    context = browser.new_context(
        base_url=site.url,
        locale="de-DE",
        viewport={"width": WIDTH, "height": HEIGHT},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def check_page(page, screenshots, step: str) -> None:
    """The page fits the phone's width and axe finds nothing serious; a screenshot for the record."""
    page.wait_for_load_state("networkidle")
    screenshots.take(page, step)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"


def test_a_pupil_on_a_phone_gets_an_offer_into_her_calendar_and_subscribes(browser, site, screenshots):
    offer = site.query(
        f"""
from page_types.models import MintOfferPage
offer = MintOfferPage.objects.live().get(title={OFFER_TITLE!r})
result = {{"path": offer.url, "subject": offer.subjects.first().name, "band": offer.grade_bands.first().name}}
"""
    )
    # A subject and grade band no live offer has: the demo's content changes, the empty state does not.
    empty_choice = site.query(
        """
from page_types.models import GradeBand, MintOfferPage, MintSubject
offers = MintOfferPage.objects.live()
result = next(
    f"/mint/?municipality=ludwigsburg&subject={subject.slug}&grade_band={band.slug}"
    for subject in MintSubject.objects.all()
    for band in GradeBand.objects.all()
    if not offers.filter(subjects=subject, grade_bands=band).exists()
)
"""
    )
    page = phone(browser, site)
    try:
        page.goto(empty_choice)
        page.get_by_text("Keine MINT-Angebote für", exact=False).first.wait_for()
        check_page(page, screenshots, "empty choice explained")

        page.goto("/mint/")
        check_page(page, screenshots, "mint offers")
        page.get_by_label("Fach").select_option(label=offer["subject"])
        page.get_by_label("Zielgruppe").select_option(label=offer["band"])
        page.get_by_role("button", name="Filter anwenden").click()
        page.wait_for_url(re.compile(r"subject="))
        page.get_by_role("link", name=OFFER_TITLE).first.click()
        page.wait_for_url(f"**{offer['path']}")
        check_page(page, screenshots, "offer")

        # The facts (first date, place, registration) start within the first screen, above the image.
        facts = page.locator("dl.facts").first.bounding_box()
        assert facts is not None and facts["y"] < HEIGHT, facts

        with page.expect_download() as download_info:
            page.get_by_role("link", name=re.compile("^In meinen Kalender")).click()
        download = download_info.value
        assert download.suggested_filename.endswith(".ics")
        calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
        events = calendar.walk("VEVENT")
        assert events and {str(event["SUMMARY"]) for event in events} == {OFFER_TITLE}

        page.get_by_role("link", name="Neue Angebote per E-Mail: Newsletter abonnieren").click()
        page.wait_for_url("**/newsletter/")
        page.get_by_label("E-Mail-Adresse").fill(ADDRESS)
        page.get_by_label("MINT-Update").check()
        page.get_by_label("Ich bin").select_option(label="Schülerin/Schüler")
        page.get_by_label("Ja, 16 oder älter").check()
        page.get_by_label(offer["band"], exact=True).check()
        page.get_by_label("Ja, ich willige wie oben beschrieben ein.").check()
        check_page(page, screenshots, "sign-up form")
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url("**/newsletter/danke/")
        check_page(page, screenshots, "check your inbox")

        [confirm_link] = links_in(site.wait_for_mail(ADDRESS), "/newsletter/confirm/")
        page.goto(confirm_link)
        page.get_by_role("button", name="Ja, Anmeldung bestätigen").click()
        page.get_by_role("heading", name="Vielen Dank für Ihre Bestätigung").wait_for()
        check_page(page, screenshots, "welcome")
        status = site.query(
            f"""
from campaigns.models import Subscription
mine = Subscription.objects.filter(subscriber__email={ADDRESS!r})
result = dict(mine.values_list("channel__slug", "status"))
"""
        )
        assert status == {"mint-update": "active"}
    finally:
        page.context.close()

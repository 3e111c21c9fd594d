"""Journey 5 — every reader gets the district's best: the demo's MINT issue, sent from the admin, reaches two
readers with different interests, and their mails, opened side by side, differ the way their choices say.

The campaign manager sends the demo's approved MINT issue ("MINT-Update: Neue Angebote für Schulen,
Jugendliche und Eltern") from its dispatch page and watches it until it says "Versendet". Two of the demo's
showcase readers then open their mail, each in a page of their own:

- Alex (Ludwigsburg, Informatik, Klasse 8–10 and Eltern, a topic) and
- Uma (Asperg, Technik, Klasse 8–10, and "nur Angebote bis 15 km").

Both get offers. Each mail opens with "Passend zu Ihren Angaben", holding exactly the offers that fit that
reader's own choices (a facet the reader left empty, or a page without that facet, is neutral), and "Weitere
Angebote" holds only offers that do not; the two fitting sections differ, and Uma's mail has no offer farther
than her 15 km from Asperg.
"""

import re
import time

from cms.demo.campaigns import CAMPAIGNS
from cms.demo.subscribers import showcase_subscribers
from page_types.geography import distance_km
from page_types.slugs import german_slug
from page_types.vocabulary import INTERESTS
from tests.e2e.conftest import log_in, new_page
from tests.e2e.live_site import CAMPAIGN_MANAGER, LiveSite

SUBJECT = CAMPAIGNS["mint-update"][0]
READERS = {reader.email: reader for reader in showcase_subscribers()}
# The editorial topics each interest of the seed vocabulary gathers (they name no topic with sub-topics).
GATHERED = {german_slug(name): {german_slug(topic) for topic in topics} for name, _text, topics in INTERESTS}
ALEX, UMA = READERS["alle.angaben@example.org"], READERS["umkreis.asperg@example.org"]
FITS, MORE = "Passend zu Ihren Angaben", "Weitere Angebote"
SEND_TIMEOUT_MS = 180_000
SUMMARY_TIMEOUT_MS = 90_000

# The mail's sections as the reader sees them: each h2 heading with the titles (h3) of its offers.
SECTIONS = """() => {
    const sections = {};
    let current = null;
    for (const heading of document.querySelectorAll("h2, h3")) {
        const text = heading.innerText.trim();
        if (heading.tagName === "H2") sections[current = text] = [];
        else if (current !== null) sections[current].push(text);
    }
    return sections;
}"""


def test_two_readers_of_the_demo_mint_issue_get_what_fits_them(page, browser, screenshots, site: LiveSite):
    # The demo issue carries every current offer, as when the demo was loaded, whatever other journeys sent
    # on its channel before (an issue's content otherwise starts at the channel's last sent issue).
    issue = site.query(
        f"""
from datetime import UTC, datetime
from campaigns.models import Campaign
issues = Campaign.objects.filter(subject={SUBJECT!r})
issues.update(period_start=datetime(2000, 1, 1, tzinfo=UTC))
result = issues.get().pk
"""
    )
    log_in(page, CAMPAIGN_MANAGER)
    page.goto(f"/admin/campaigns/campaigns/dispatch/{issue}/", timeout=SUMMARY_TIMEOUT_MS)
    screenshots.take(page, "dispatch page of the demo issue")
    send_and_watch(page, screenshots)

    offers = offer_facets(site)
    mails, pages = {}, []
    try:
        for reader in (ALEX, UMA):
            mail = site.wait_for_mail(reader.email, lambda message: message.message["Subject"] == SUBJECT)
            pages.append(reader_page := new_page(browser, site))
            reader_page.set_content(mail.message.get_body(preferencelist=("html",)).get_content())
            screenshots.take(reader_page, f"mail of {reader.name}")
            mails[reader.email] = reader_page.evaluate(SECTIONS)
    finally:
        for reader_page in pages:
            reader_page.context.close()

    for reader in (ALEX, UMA):
        sections = mails[reader.email]
        titles = [title for section in sections.values() for title in section]
        assert titles and set(titles) <= set(offers), sections
        assert next(iter(sections)) == FITS, sections
        assert all(fits(offers[title], reader) for title in sections[FITS]), sections
        assert not any(fits(offers[title], reader) for title in sections.get(MORE, [])), sections
    assert set(mails[ALEX.email][FITS]) != set(mails[UMA.email][FITS])
    uma_titles = [title for section in mails[UMA.email].values() for title in section]
    assert all(
        within(offers[title]["municipalities"], UMA.municipality, UMA.mint_radius_km) for title in uma_titles
    )


def send_and_watch(page, screenshots) -> None:
    """Send the issue from its dispatch page, confirm the summary and wait until the page says "Versendet"."""
    page.get_by_role("button", name="Senden…").click(timeout=SUMMARY_TIMEOUT_MS)
    page.locator("#summary-heading").wait_for()
    screenshots.take(page, "send summary")
    if page.locator("#confirm-skips").count():
        page.locator("#confirm-skips").check()
    page.get_by_role("button", name=re.compile(r"^Jetzt an \d+ Empfänger senden$")).click()
    page.locator(".messages").get_by_text(re.compile(r"an \d+ Empfänger gestartet\.")).wait_for()
    deadline = time.monotonic() + 60
    while page.locator("#progress").count() == 0 and time.monotonic() < deadline:
        page.wait_for_timeout(1000)
        page.reload()
    status = page.locator("#campaign-status")
    status.filter(has_text=re.compile(r"^\s*Versendet")).wait_for(timeout=SEND_TIMEOUT_MS)
    page.locator("#report-heading").wait_for()
    screenshots.take(page, "sent")


def offer_facets(site: LiveSite) -> dict[str, dict[str, list[str]]]:
    """The live MINT offers' facets by title, as the site stores them."""
    return site.query(
        """
from page_types.models import MintOfferPage
result = {}
for offer in MintOfferPage.objects.live().specific():
    facets = offer.audience_facets()
    names = ("topics", "municipalities", "subjects", "grade_bands")
    result[offer.title] = {name: sorted(getattr(facets, name)) for name in names}
"""
    )


def fits(offer: dict[str, list[str]], reader) -> bool:
    """Whether an offer fits what the reader chose: every facet the reader filled in is either missing on the
    offer or shares a term with it."""
    topics = set().union(*(GATHERED[interest] for interest in reader.interests))
    chosen = {"topics": topics, "subjects": reader.subjects, "grade_bands": reader.grade_bands}
    return all(not offer[name] or set(offer[name]) & set(want) for name, want in chosen.items() if want)


def within(places: list[str], home: str, radius_km: int) -> bool:
    """Whether an offer lies within ``radius_km`` of ``home``: somewhere there, or nowhere in particular."""
    distances = [distance_km(home, place) for place in places]
    return not places or home in places or any(d is None or d <= radius_km for d in distances)

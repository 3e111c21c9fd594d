"""Journey 2 — the editorial workflow of an issue of "MINT-Update", from the draft to the report
(docs/REDAKTION.md, "Redaktionsablauf", shows its screenshots).

A member of the "Kampagnen" group (no other rights) creates an issue in the admin, looks at it through
"Vorschau als Leserin oder Leser" as two different readers (each sees the new offer in the section their own
facets put it in), opens a variant (its preview loads only then), sends herself a test mail (it arrives in
the SMTP sink) and submits the issue to the workflow "Freigabe" from its edit view. A second person, of the
"Redaktionsleitung", approves it in a browser of her own. Back on the dispatch page, the manager opens
"Senden…"; while the summary is open a sign-up arrives, so the server refuses her confirmation and shows the
new count; she confirms again and watches the page until it says "Versendet". Every recipient, the newcomer
too, gets exactly one message, and the report names the reader who got nothing, with the reason: she chose
offers within 5 km of Remseck am Neckar, and none of the issue lies that close.

The offer is for every grade and subject in Ludwigsburg (6.4 km from Remseck's centre, as are the demo's
nearest offers), so every mail carries it — and the reader skipped whatever else the issue holds, whether or
not another journey has sent an issue of the channel before.
"""

import re
import time
from collections import Counter

from tests.e2e.conftest import log_in, new_page, settle_scrolling
from tests.e2e.live_site import CAMPAIGN_MANAGER, EDITORIAL_LEAD, LiveSite, text_of

SUBJECT = "MINT-Update: Offene Werkstätten im ganzen Landkreis"
PREHEADER = "Neue Angebote für alle Klassenstufen"
INTRO = "Liebe Leserinnen und Leser, diesmal öffnen Werkstätten in allen Kommunen ihre Türen."
OFFER = "Tag der offenen Werkstatt in den Berufsschulen"
TEST_ADDRESS = "kai.kampagnen@example.org"
# Offers within 5 km of Remseck only: nothing of this issue (the reason as the report words it).
FAR_READER = "fuenf.kilometer@example.org"
RADIUS_REASON = "Alle Angebote liegen außerhalb des gewählten Umkreises"
NEWCOMER = "gerade.angemeldet@example.org"
SEND_TIMEOUT_MS = 180_000
SUMMARY_TIMEOUT_MS = 90_000


def test_campaign_manager_journey(page, browser, screenshots, site: LiveSite):
    site.publish_offer(OFFER, subjects=[], grade_bands=[], municipalities=["ludwigsburg"])
    site.sign_up(FAR_READER, "mint-update", municipality="remseck-am-neckar", mint_radius_km=5)
    log_in(page, CAMPAIGN_MANAGER)
    create_issue(page, screenshots)
    preview_as_two_readers(page, screenshots)
    open_a_variant(page)
    send_test_mail(page, screenshots, site)
    submit_for_approval(page, screenshots)
    approve_as_editorial_lead(browser, site, screenshots)
    page.reload()
    recipients = confirm_twice_and_watch(page, screenshots, site)
    issue = [m for m in site.sink.messages if m.message["Subject"] == SUBJECT]
    readers = Counter(address for message in issue for address in message.rcpt_tos)
    assert len(readers) == recipients and set(readers.values()) == {1}, readers.most_common(3)
    assert NEWCOMER in readers and FAR_READER not in readers
    assert all(OFFER in text_of(message) for message in issue)


def create_issue(page, screenshots) -> None:
    """From the "Kampagnen" menu to a saved issue of MINT-Update; saving leads to its dispatch page."""
    page.get_by_role("button", name="Kampagnen").click()
    page.get_by_role("link", name="Newsletter-Ausgaben").click()
    page.get_by_role("link", name="Newsletter-Ausgabe hinzufügen").click()
    page.get_by_role("button", name="Kanal auswählen").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("link", name="MINT-Update").click()
    chooser.wait_for(state="detached")
    page.fill("#id_subject", SUBJECT)
    page.fill("#id_preheader", PREHEADER)
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type(INTRO)
    # The rich-text editor writes its content into the form field a moment after the typing stops.
    page.wait_for_function("text => document.getElementById('id_intro').value.includes(text)", arg="diesmal")
    screenshots.take(page, "new issue")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_url(re.compile(r"/admin/campaigns/campaigns/dispatch/\d+/$"))
    # The reader who chose 5 km around Remseck is counted among those who get nothing, with the reason.
    page.locator("#coverage").get_by_role("cell", name=RADIUS_REASON).wait_for()


def preview_as_two_readers(page, screenshots) -> None:
    """ "Vorschau als Leserin oder Leser" for a reader who gave only her municipality (Ludwigsburg: the offer
    is "Aus Ihrer Kommune") and one from Vaihingen an der Enz in grades 11–13 (the offer, for every grade,
    fits her choice: "Passend zu Ihren Angaben"); each table and mail is that reader's."""
    page.get_by_role("link", name="Vorschau als Leserin oder Leser").click()
    for municipality, grade_band, section, step in (
        ("Ludwigsburg", None, "Aus Ihrer Kommune", "preview in Ludwigsburg"),
        ("Vaihingen an der Enz", "Klasse 11–13", "Passend zu Ihren Angaben", "preview in Vaihingen"),
    ):
        page.get_by_label("Kommune").select_option(label=municipality)
        if grade_band:
            # Choosing the municipality scrolled the form smoothly back into view; let it come to rest.
            settle_scrolling(page)
            page.get_by_label(grade_band).check()
        page.get_by_role("button", name="Mail zeigen").click()
        result = page.locator("section[aria-labelledby=result-heading]")
        row = result.get_by_role("row").filter(has_text=OFFER)
        row.wait_for()
        assert section in row.inner_text(), row.inner_text()
        mail = result.frame_locator("iframe").locator("body")
        mail.get_by_text(OFFER).first.wait_for()
        assert section in mail.inner_text() and INTRO in mail.inner_text()
        screenshots.take(page, step, region=result)
    page.get_by_role("link", name="Zurück zu Vorschau & Versand").click()


def open_a_variant(page) -> None:
    """A variant is named by a reader it stands for, and its preview loads only when it is opened, so the
    page costs the same with a hundred variants; the intro shows as formatted text."""
    variant = page.locator("details.variant").first
    variant.wait_for()
    assert page.locator("iframe[src]").count() == 0
    assert "z. B." in variant.locator("summary").inner_text()
    # Scroll first and let the smooth scrolling end, or the click lands elsewhere.
    variant.scroll_into_view_if_needed()
    settle_scrolling(page)
    variant.locator("summary").click()
    preview = variant.frame_locator("iframe").first.locator("body")
    preview.get_by_text(OFFER).first.wait_for()
    text = preview.inner_text()
    assert INTRO in text and "<p" not in text, text[:500]


def send_test_mail(page, screenshots, site: LiveSite) -> None:
    page.get_by_label("Empfängeradressen").fill(TEST_ADDRESS)
    settle_scrolling(page)
    page.get_by_role("button", name="Testmail senden").click()
    page.locator(".messages").get_by_text("Testmail an 1 Adresse versendet.").wait_for()
    screenshots.take(page, "test mail sent")
    mail = site.wait_for_mail(TEST_ADDRESS)
    assert mail.message["Subject"] == f"[Test] {SUBJECT}"
    assert OFFER in text_of(mail) and INTRO in text_of(mail)


def submit_for_approval(page, screenshots) -> None:
    """ "Bearbeiten", then Wagtail's workflow action in the edit view's action menu; back on the dispatch
    page, sending waits for the approval."""
    page.get_by_role("link", name="Bearbeiten").first.click()
    page.wait_for_url(re.compile(r"/admin/campaigns/campaigns/edit/\d+/$"))
    page.locator(".w-dropdown-button").get_by_role("button", name="Mehr Aktionen").click()
    submit = page.get_by_role("button", name="In Freigabe einreichen")
    submit.wait_for()
    screenshots.take(page, "submit for approval")
    submit.click()
    page.wait_for_url(re.compile(r"/admin/campaigns/campaigns/dispatch/\d+/$"))
    page.locator("#approval-refusal").get_by_text("wartet noch auf die Freigabe").wait_for()


def approve_as_editorial_lead(browser, site: LiveSite, screenshots) -> None:
    """The "Redaktionsleitung" finds the issue on her dashboard among those awaiting her review and approves
    it in its edit view, in a browser of her own."""
    lead = new_page(browser, site)
    try:
        log_in(lead, EDITORIAL_LEAD)
        lead.get_by_role("link", name=SUBJECT).first.click()
        lead.wait_for_url(re.compile(r"/admin/campaigns/campaigns/edit/\d+/$"))
        lead.locator(".w-dropdown-button").get_by_role("button", name="Mehr Aktionen").click()
        approve = lead.get_by_role("button", name=re.compile(r"^Freigeben"))
        approve.first.wait_for()
        screenshots.take(lead, "approval by the editorial lead")
        approve.first.click()
        lead.wait_for_url(re.compile(r"/admin/campaigns/campaigns/dispatch/\d+/$"))
    finally:
        lead.context.close()


def confirm_twice_and_watch(page, screenshots, site: LiveSite) -> int:
    """ "Senden…"; a sign-up arrives before the confirmation, so the server asks again with the new count;
    then watch the dispatch page until it reports "Versendet". Returns the recipients.

    The dispatch page polls from the click on ("Wird vorbereitet", then the progress); should the worker take
    the issue up later than the page's first look, the manager reloads until the progress appears.
    """
    # The summary ranks every reader of the issue; under a full parallel test run that takes its time.
    page.get_by_role("button", name="Senden…").click(timeout=SUMMARY_TIMEOUT_MS)
    seen = int(page.locator("[data-summary=recipients]").inner_text())
    site.sign_up(NEWCOMER, "mint-update", municipality="ludwigsburg", grade_bands=["klasse-5-7"])
    page.get_by_role("button", name=f"Jetzt an {seen} Empfänger senden").click()
    recipients = seen + 1
    page.locator("#confirm-problem").get_by_text(f"jetzt {recipients} statt {seen}").wait_for()
    assert page.locator("[data-summary=recipients]").inner_text() == str(recipients)
    screenshots.take(page, "asked again with the new count")
    page.get_by_role("button", name=f"Jetzt an {recipients} Empfänger senden").click()
    page.locator(".messages").get_by_text(f"an {recipients} Empfänger gestartet.").wait_for()
    deadline = time.monotonic() + 60
    while page.locator("#progress").count() == 0 and time.monotonic() < deadline:
        page.wait_for_timeout(1000)
        page.reload()
    status = page.locator("#campaign-status")
    # "Wird vorbereitet" until the worker has frozen the issue; the page polls and shows the sending.
    status.filter(has_text=re.compile(r"^\s*(Wird vorbereitet|Wird versendet|Versendet)")).wait_for()
    # From here on only the page's own polling can bring the news.
    status.filter(has_text=re.compile(r"^\s*Versendet")).wait_for(timeout=SEND_TIMEOUT_MS)
    report = page.locator("#report-heading").locator("..")
    report.wait_for()
    screenshots.take(page, "report with the skipped reader", region=report)
    assert f"{recipients} von " in report.inner_text()
    skipped = report.locator("#reasons").get_by_role("row").filter(has_text=RADIUS_REASON)
    assert skipped.get_by_role("cell").first.inner_text() == "Übersprungen"
    return recipients

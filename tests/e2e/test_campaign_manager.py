"""Journey 2 — the campaign manager: an issue of "MINT-Update" from the draft to "Versendet".

A member of the "Kampagnen" group (no other rights) creates an issue of the ``mint-update`` channel in the
admin, finds the offer published a moment ago in the previews of two different variants, sends herself a
test mail (it arrives in the SMTP sink), sends the issue and watches the dispatch page until it says
"Versendet" — the page polls the progress and reloads itself when the state changes. Every reader in the
variants gets exactly one message.

The offer is district-wide and for every grade and subject, so every variant carries it; the variants
differ in which demo offers come first for each reader's facets and place, and in their sections.
"""

import re
import time
from collections import Counter

from tests.e2e.conftest import log_in, settle_scrolling
from tests.e2e.live_site import CAMPAIGN_MANAGER, LiveSite, text_of

SUBJECT = "MINT-Update: Offene Werkstätten im ganzen Landkreis"
PREHEADER = "Neue Angebote für alle Klassenstufen"
INTRO = "Liebe Leserinnen und Leser, diesmal öffnen Werkstätten in allen Kommunen ihre Türen."
OFFER = "Tag der offenen Werkstatt in den Berufsschulen"
TEST_ADDRESS = "kai.kampagnen@example.org"
SEND_TIMEOUT_MS = 180_000
SUMMARY_TIMEOUT_MS = 90_000
# Variants opened at most while looking for two that carry the new offer.
MAX_OPENED = 8


def test_campaign_manager_journey(page, screenshots, site: LiveSite):
    site.publish_offer(OFFER, subjects=[], grade_bands=[])
    log_in(page, CAMPAIGN_MANAGER)
    create_issue(page, screenshots)
    variant = preview_two_variants(page, screenshots)
    send_test_mail(page, screenshots, site, variant)
    approve_issue(site)
    page.reload()
    recipients = send_and_watch(page, screenshots)
    issue = [m for m in site.sink.messages if m.message["Subject"] == SUBJECT]
    readers = Counter(address for message in issue for address in message.rcpt_tos)
    assert len(readers) == recipients and set(readers.values()) == {1}, readers.most_common(3)
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
    screenshots.take(page, "dispatch page")


def preview_two_variants(page, screenshots) -> int:
    """Open variants until two carry the new offer; both show it and the intro as formatted text, and they
    differ (since the ranking work every reader gets up to the channel's cap of items, so variants differ in
    which items, their order and sections, not only in their number; a reader with many fitting offers may
    not get this one). Returns the second one's position. A variant is named by a reader it stands for, and
    its preview loads only when it is opened, so the page costs the same with a hundred variants."""
    variants = page.locator("details.variant")
    assert variants.count() >= 2, variants.count()
    assert page.locator("iframe[src]").count() == 0  # nothing loads before a variant is opened
    found: list[tuple[int, str]] = []
    for index in range(min(variants.count(), MAX_OPENED)):
        variant = variants.nth(index)
        assert "z. B." in variant.locator("summary").inner_text()
        # Scroll first and let the smooth scrolling end, or the click lands on the frame above.
        variant.scroll_into_view_if_needed()
        settle_scrolling(page)
        variant.locator("summary").click()
        preview = variant.frame_locator("iframe").first.locator("body")
        preview.get_by_text(SUBJECT).first.wait_for()
        text = preview.inner_text()
        if OFFER not in text:
            continue
        assert INTRO in text and "<p" not in text, text[:500]
        variant.scroll_into_view_if_needed()
        settle_scrolling(page)
        screenshots.take(page, f"variant {index + 1} preview")
        found.append((index, text))
        if len(found) == 2:
            break
    assert len(found) == 2, f"fewer than two of the first {MAX_OPENED} variants carry {OFFER!r}"
    assert found[0][1] != found[1][1]
    return found[1][0]


def approve_issue(site: LiveSite) -> None:
    """The "Redaktionsleitung" approves the issue (the approval itself is shown in tests/campaigns/admin).
    It is named by its subject: the journeys share the site, and a recurring channel makes issues of its own.
    """
    site.query(
        f"""
from campaigns.approval import approve
from campaigns.models import Campaign
approve(Campaign.objects.get(subject={SUBJECT!r}), None)
result = None
"""
    )


def send_test_mail(page, screenshots, site: LiveSite, variant: int) -> None:
    page.get_by_label("Empfängeradressen").fill(TEST_ADDRESS)
    settle_scrolling(page)
    page.get_by_role("combobox", name="Variante").select_option(index=variant)
    page.get_by_role("button", name="Testmail senden").click()
    page.locator(".messages").get_by_text("Testmail an 1 Adresse versendet.").wait_for()
    screenshots.take(page, "test mail sent")
    mail = site.wait_for_mail(TEST_ADDRESS)
    assert mail.message["Subject"] == f"[Test] {SUBJECT}"
    assert OFFER in text_of(mail) and INTRO in text_of(mail)


def send_and_watch(page, screenshots) -> int:
    """Send the issue and wait on the dispatch page until it reports "Versendet"; return the recipients.

    The dispatch page polls from the click on ("Wird vorbereitet", then the progress); should the worker take
    the issue up later than the page's first look, the manager reloads until the progress appears.
    """
    recipients = int(re.search(r"(\d+) in \d+ Variant", page.inner_text("main")).group(1))
    # The summary ranks every reader of the issue; under a full parallel test run that takes its time.
    page.get_by_role("button", name="Senden…").click(timeout=SUMMARY_TIMEOUT_MS)
    page.locator("#summary-heading").wait_for()
    screenshots.take(page, "send summary")
    page.get_by_role("button", name=f"Jetzt an {recipients} Empfänger senden").click()
    page.locator(".messages").get_by_text(f"an {recipients} Empfänger gestartet.").wait_for()
    deadline = time.monotonic() + 60
    while page.locator("#progress").count() == 0 and time.monotonic() < deadline:
        page.wait_for_timeout(1000)
        page.reload()
    status = page.locator("#campaign-status")
    # "Wird vorbereitet" until the worker has frozen the issue; the page polls and shows the sending.
    status.filter(has_text=re.compile(r"^\s*(Wird vorbereitet|Wird versendet|Versendet)")).wait_for()
    screenshots.take(page, "progress")
    # From here on only the page's own polling can bring the news.
    status.filter(has_text=re.compile(r"^\s*Versendet")).wait_for(timeout=SEND_TIMEOUT_MS)
    report = page.locator("#report-heading").locator("..")
    report.wait_for()
    screenshots.take(page, "sent with report")
    assert f"{recipients} von {recipients} Zustellungen versendet." in report.inner_text()
    return recipients

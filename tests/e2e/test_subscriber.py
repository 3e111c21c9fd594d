"""Journey 3 — the subscriber: sign up with facets, confirm from the mail, adjust preferences, leave.

A pupil signs up for "MINT-Update" on ``/newsletter/`` with her municipality, grade band and subjects. The
confirmation mail arrives in the SMTP sink (sent by the site's qcluster); she opens its link and confirms
with the button. The editorial team then sends her an issue (set up from a shell, since the campaign admin
is journey 2's subject); the received HTML mail is opened in the browser and she follows its "Einstellungen
ändern" link to change her subjects, and later its "Newsletter abbestellen" link to leave with one click.
"""

import re

from tests.e2e.live_site import LiveSite, links_in

ADDRESS = "lena.berger@schule.example.net"
NAME = "Lena Berger"


def html_of(message) -> str:
    part = message.message.get_body(preferencelist=("html",))
    assert part is not None, f"no text/html part in {message.message['Subject']!r}"
    return part.get_content()


def open_mail(page, html: str) -> None:
    """Show a received HTML mail as a mail program does: in a blank document, not under the site's
    Content Security Policy (which would block the mail's inline styles)."""
    page.goto("about:blank")
    page.set_content(html)


def subscription_status(site: LiveSite) -> dict[str, str]:
    return site.query(
        f"""
from campaigns.models import Subscription
mine = Subscription.objects.filter(subscriber__email={ADDRESS!r})
result = dict(mine.values_list("channel__slug", "status"))
"""
    )


def send_issue_to_her(site: LiveSite) -> str:
    """A new offer that suits her, and an issue of "MINT-Update" for pupils in Ludwigsburg interested in
    computing, sent at once; returns its subject. Other demo readers who match get it too, as they would.

    Without an offer for her facets she would get no issue at all: readers whose facets select nothing
    are left out.
    """
    site.publish_offer(
        "Informatik-AG: Apps für den Schulalltag",
        subjects=["informatik"],
        grade_bands=["klasse-8-10"],
        municipalities=["ludwigsburg"],
    )
    subject = "MINT-Update: Neues für Ludwigsburg"
    campaign_id = site.query(
        f"""
from campaigns.models import Audience, Campaign, Channel
from page_types.models import MintSubject, Municipality
channel = Channel.objects.get(slug="mint-update")
Channel.objects.filter(pk=channel.pk).update(requires_approval=False)  # delivery, not approval
audience = Audience(name="Informatik in Ludwigsburg", channel=channel, roles=["student"])
audience.municipalities.set(Municipality.objects.filter(slug="ludwigsburg"))
audience.subjects.set(MintSubject.objects.filter(slug="informatik"))
audience.save()
campaign = Campaign.objects.create(
    channel=channel, audience=audience, subject={subject!r}, preheader="Workshops und Praktika",
    intro="<p>Hallo! Hier sind die neuen MINT-Angebote, die zu dir passen.</p>",
)
result = campaign.pk
"""
    )
    site.manage("send_campaign", str(campaign_id), "--inline")
    return subject


def test_subscriber_journey(page, screenshots, site: LiveSite):
    sign_up_and_confirm(page, screenshots, site)
    subject = send_issue_to_her(site)
    newsletter = html_of(site.wait_for_mail(ADDRESS, lambda message: message.message["Subject"] == subject))
    (screenshots.directory / "newsletter.html").write_text(newsletter)
    change_preferences(page, screenshots, site, newsletter)
    unsubscribe(page, screenshots, site, newsletter)


def sign_up_and_confirm(page, screenshots, site: LiveSite) -> None:
    """Sign up with facets on the form, open the link in the confirmation mail and confirm."""
    page.goto("/")
    page.get_by_role("link", name="Newsletter", exact=True).first.click()
    page.wait_for_url("**/newsletter/")
    page.get_by_label("E-Mail-Adresse").fill(ADDRESS)
    page.get_by_label("MINT-Update").check()
    page.get_by_label("Name (freiwillig)").fill(NAME)
    page.get_by_label("Ich bin").select_option(label="Schülerin/Schüler")
    page.get_by_label("Ja, 16 oder älter").check()  # pupils are asked (GDPR Art. 8)
    page.get_by_label("Kommune").select_option(label="Ludwigsburg")
    page.get_by_label("Klasse 8–10", exact=True).check()
    page.get_by_label("Informatik", exact=True).check()
    page.get_by_label("Ja, ich willige wie oben beschrieben ein.").check()
    screenshots.take(page, "signup form")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/newsletter/danke/")
    screenshots.take(page, "check your inbox")

    mail = site.wait_for_mail(ADDRESS)  # the qcluster registers the sign-up, then mails
    assert subscription_status(site) == {"mint-update": "pending"}
    [confirm_link] = links_in(mail, "/newsletter/confirm/")
    assert confirm_link.startswith(site.url)
    page.goto(confirm_link)
    assert page.get_by_role("listitem").filter(has_text="MINT-Update").count() == 1
    screenshots.take(page, "confirm")
    page.get_by_role("button", name="Ja, Anmeldung bestätigen").click()
    page.get_by_role("heading", name="Vielen Dank für Ihre Bestätigung").wait_for()
    screenshots.take(page, "confirmed")
    assert subscription_status(site) == {"mint-update": "active"}


def change_preferences(page, screenshots, site: LiveSite, newsletter: str) -> None:
    """Open the received newsletter, follow its preferences link, change subjects and grade band."""
    open_mail(page, newsletter)
    screenshots.take(page, "newsletter as received")
    assert page.get_by_text(
        "Hallo! Hier sind die neuen MINT-Angebote, die zu dir passen.", exact=True
    ).count()
    assert page.get_by_role("link", name="Informatik-AG: Apps für den Schulalltag").count()

    page.get_by_role("link", name="Einstellungen ändern").click()
    page.wait_for_url(re.compile(r"/newsletter/preferences/"))
    assert ADDRESS in page.inner_text("main")
    assert page.get_by_label("MINT-Update").is_checked()
    assert page.get_by_label("Informatik", exact=True).is_checked()
    assert page.get_by_label("Klasse 8–10", exact=True).is_checked()
    screenshots.take(page, "preferences as signed up")
    page.get_by_label("Technik", exact=True).check()
    page.get_by_label("Klasse 8–10", exact=True).uncheck()
    page.get_by_label("Klasse 11–13", exact=True).check()
    page.get_by_role("button", name="Einstellungen speichern").click()
    page.get_by_role("status").filter(has_text="Ihre Einstellungen sind gespeichert.").wait_for()
    screenshots.take(page, "preferences saved")

    page.goto(page.url)  # the link opened again (a reload would post the form a second time)
    assert page.get_by_label("Technik", exact=True).is_checked()
    assert page.get_by_label("Klasse 11–13", exact=True).is_checked()
    assert not page.get_by_label("Klasse 8–10", exact=True).is_checked()
    assert site.query(
        f"""
from campaigns.models import Subscriber
reader = Subscriber.objects.get(email={ADDRESS!r})
result = [sorted(terms.values_list("slug", flat=True)) for terms in (reader.subjects, reader.grade_bands)]
"""
    ) == [["informatik", "technik"], ["klasse-11-13"]]


def unsubscribe(page, screenshots, site: LiveSite, newsletter: str) -> None:
    """Follow the newsletter's unsubscribe link and leave with the one button on the page."""
    open_mail(page, newsletter)
    page.get_by_role("link", name="Newsletter abbestellen").click()
    page.wait_for_url(re.compile(r"/newsletter/unsubscribe/"))
    screenshots.take(page, "unsubscribe")
    page.get_by_role("button", name="Abmelden").click()
    page.get_by_role("heading", name="Sie sind abgemeldet").wait_for()
    assert page.get_by_role("listitem").filter(has_text="MINT-Update").count() == 1
    screenshots.take(page, "unsubscribed")
    assert subscription_status(site) == {"mint-update": "unsubscribed"}

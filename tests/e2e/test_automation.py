"""Journey — issues that fill themselves: a recurring channel's issue, the welcome mail, deadline reminders.

A channel that recurs weekly from now is due at once: the recurring task (run as its schedule runs
it) makes the issue of that date and, the channel needing no approval, schedules its sending; the site's
qcluster sends it, the reader opens "Im Browser ansehen" and finds it in the channel's public archive.
A sign-up confirmed in the browser brings the welcome mail. A reader who asked for reminders gets one for
the offer whose registration closes in two days and none for the full one.
"""

import re

import pytest

from tests.e2e.live_site import LiveSite, links_in, text_of
from tests.e2e.test_subscriber import open_mail

CHANNEL = "mint-woechentlich"
READER = "wochenleser@example.org"
NEWCOMER = "neu.im.landkreis@example.org"
REMINDED = "erinnerung@example.org"


# The offers this module publishes; unpublished when it ends, so the journeys after it see the demo's offers.
OFFERS = ("Löten für Einsteiger", "Drohnen bauen", "Chemie-Ferienkurs")


@pytest.fixture(scope="module", autouse=True)
def demo_offers_as_found(site: LiveSite):
    yield
    site.query(
        f"""
from page_types.models import MintOfferPage
for offer in MintOfferPage.objects.live().filter(title__in={OFFERS!r}):
    offer.unpublish()
result = None
"""
    )


def html_of(message) -> str:
    return message.message.get_body(preferencelist=("html",)).get_content()


def test_a_recurring_channel_sends_its_issue_when_due_and_archives_it(page, screenshots, site: LiveSite):
    site.publish_offer("Löten für Einsteiger", subjects=["technik"])
    subject = site.query(
        f"""
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from campaigns.models import Channel, Subscriber, Subscription
from campaigns.recurrence import STAMP, local
from campaigns.recurring_issues import create_due_issues
from page_types.models import GradeBand, MintOfferPage, MintSubject
import time
# The first date is now, after the offer was published: it is new content of this issue. A date has whole
# seconds, so the next second is awaited: the offer's publication, a moment ago, may lie in this one.
time.sleep(1 - timezone.now().microsecond / 1_000_000)
start = local(timezone.now()).strftime(STAMP)
channel = Channel(
    name="MINT wöchentlich", slug={CHANNEL!r}, requires_approval=False,
    recurrence=f"DTSTART:{{start}}\\nRRULE:FREQ=WEEKLY",
)
channel.page_types.set([ContentType.objects.get_for_model(MintOfferPage)])
channel.save()  # a ParentalManyToManyField is stored with its channel
reader = Subscriber.objects.create(email={READER!r})
reader.subjects.set(MintSubject.objects.filter(slug="technik"))
reader.grade_bands.set(GradeBand.objects.filter(slug="klasse-8-10"))
Subscription.objects.create(subscriber=reader, channel=channel, status="active")
[made] = [record for record in create_due_issues() if record.channel_id == channel.pk]
result = made.campaign.subject
"""
    )
    mail = site.wait_for_mail(READER, lambda message: message.message["Subject"] == subject)
    assert "Löten für Einsteiger" in text_of(mail), text_of(mail)
    [web_version] = [link for link in links_in(mail, f"/newsletter/{CHANNEL}/") if "archiv" not in link]
    page.goto(web_version)
    page.get_by_text("Löten für Einsteiger").first.wait_for()
    assert "%%LT_" not in page.content()
    screenshots.take(page, "web version of the recurring issue")

    page.goto(f"/newsletter/{CHANNEL}/archiv/")
    page.get_by_role("link", name=subject).click()
    page.wait_for_url(re.compile(rf"/newsletter/{CHANNEL}/\d+/$"))
    page.get_by_text("Löten für Einsteiger").first.wait_for()
    screenshots.take(page, "issue in the public archive")


def test_confirming_a_sign_up_brings_the_welcome_mail(page, screenshots, site: LiveSite):
    page.goto("/newsletter/")
    page.get_by_label("E-Mail-Adresse").fill(NEWCOMER)
    page.get_by_label("MINT-Update").check()
    page.get_by_label("Ich bin").select_option(label="Elternteil")
    page.get_by_label("Kommune").select_option(label="Asperg")
    page.get_by_label("Ja, ich willige wie oben beschrieben ein.").check()
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/newsletter/danke/")
    [confirm] = links_in(site.wait_for_mail(NEWCOMER), "/newsletter/confirm/")
    page.goto(confirm)
    page.get_by_role("button", name="Ja, Anmeldung bestätigen").click()
    page.get_by_role("heading", name="Vielen Dank für Ihre Bestätigung").wait_for()

    welcome = site.wait_for_mail(NEWCOMER, lambda m: m.message["Subject"].startswith("Willkommen"))
    assert welcome.message["Subject"] == "Willkommen bei „MINT-Update“"
    assert welcome.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Die nächste Ausgabe erscheint am" in text_of(welcome)
    open_mail(page, html_of(welcome))
    assert page.get_by_role("link", name="Einstellungen ändern").count()
    screenshots.take(page, "welcome mail")
    assert (
        len([m for m in site.sink.handler.to(NEWCOMER) if m.message["Subject"].startswith("Willkommen")]) == 1
    )


def test_a_reminder_names_the_open_offer_and_not_the_full_one(page, screenshots, site: LiveSite):
    sent = site.query(
        f"""
from datetime import timedelta
from django.utils import timezone
from campaigns.models import Channel, Subscriber, Subscription
from campaigns.reminders import send_due_reminders
from page_types.models import GradeBand, MintIndexPage, MintSubject
from page_types.translations import default_language
from tests.factories import make_offer
index = MintIndexPage.objects.get(locale__language_code=default_language())
for title, status in (("Drohnen bauen", "open"), ("Chemie-Ferienkurs", "full")):
    offer = make_offer(index, title, subjects=["naturwissenschaften"])
    offer.registration_deadline = timezone.localdate() + timedelta(days=2)
    offer.registration_status = status
    offer.save_revision().publish()
reader = Subscriber.objects.create(email={REMINDED!r})
reader.subjects.set(MintSubject.objects.filter(slug="naturwissenschaften"))
reader.grade_bands.set(GradeBand.objects.filter(slug="klasse-8-10"))
Subscription.objects.create(
    subscriber=reader, channel=Channel.objects.get(slug="mint-update"), status="active",
    deadline_reminders=True,
)
result = send_due_reminders()
"""
    )
    assert sent >= 1
    reminder = site.wait_for_mail(REMINDED)
    text = text_of(reminder)
    assert "Drohnen bauen" in text and "Chemie-Ferienkurs" not in text
    open_mail(page, html_of(reminder))
    screenshots.take(page, "deadline reminder")
    assert (
        site.query("from campaigns.reminders import send_due_reminders\nresult = send_due_reminders()") == 0
    )
    assert len(site.sink.handler.to(REMINDED)) == 1

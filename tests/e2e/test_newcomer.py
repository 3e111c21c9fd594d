"""Journey — a newcomer who reads English: from the German home page to English content and an English
newsletter.

He arrives on the German home page and switches to English with the language switcher; the English home page
says so in its ``lang`` and leads to the English STEM activities, where a translated offer reads in English
and switches back to its German original. From there he signs up on the English form — interests, subjects
and grade bands in English — confirms from an English mail on an English page, and is stored as an English
reader with the interest he chose. axe stays clean on the English pages.
"""

import re

from tests.e2e.live_site import LiveSite, links_in
from tests.e2e.test_accessibility import assert_accessible

ADDRESS = "sam.newcomer@example.org"
OFFER_EN = "Robotics club: we build a robotic lawnmower"
OFFER_DE = "Robotik-AG: Wir bauen einen Mähroboter"


def test_a_newcomer_switches_to_english_and_subscribes_in_english(page, screenshots, site: LiveSite):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "de"
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page, screenshots, "home in English")

    page.get_by_role("link", name="STEM activities").first.click()
    page.get_by_role("link", name=OFFER_EN).first.click()
    page.get_by_role("heading", level=1, name=OFFER_EN).wait_for()
    assert page.locator('link[rel="alternate"][hreflang="de"]').count() == 1
    assert_accessible(page, screenshots, "offer in English")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Deutsch").click()
    page.get_by_role("heading", level=1, name=OFFER_DE).wait_for()
    assert "/en/" not in page.url
    page.go_back()

    page.goto("/en/newsletter/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("Email address").fill(ADDRESS)
    assert page.get_by_role("radio", name="English").is_checked()  # the page's language, preselected
    page.get_by_label("STEM update", exact=True).check()
    page.get_by_label("Training & jobs", exact=True).check()
    page.get_by_label("Computer science", exact=True).check()
    assert page.get_by_label("Ausbildung & Beruf", exact=False).count() == 0
    page.get_by_label(re.compile("^Yes, I consent")).check()
    assert_accessible(page, screenshots, "sign-up in English")
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/en/newsletter/**")

    mail = site.wait_for_mail(ADDRESS)
    [confirm_link] = links_in(mail, "/en/newsletter/confirm/")
    page.goto(confirm_link)
    page.get_by_role("button", name=re.compile("^Yes, confirm")).click()
    page.get_by_role("heading", level=1).filter(has_text=re.compile("Thank you", re.IGNORECASE)).wait_for()
    assert_accessible(page, screenshots, "confirmed in English")
    stored = site.query(
        f"""
from campaigns.models import Subscriber
reader = Subscriber.objects.get(email={ADDRESS!r})
result = {{"language": reader.language, "interests": list(reader.interests.values_list("slug", flat=True))}}
"""
    )
    assert stored == {"language": "en", "interests": ["ausbildung-beruf"]}

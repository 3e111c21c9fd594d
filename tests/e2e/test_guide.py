"""Journey — the settlement guide (Wegweiser): a family moving to Asperg asks what the district offers.

From the home page's menu the family opens the guide, answers its four questions and gets an answer whose
address holds the answers (so it can be bookmarked and shared): contact points that advise in English,
MINT offers for their children, and the newsletter to subscribe to, whose sign-up link arrives with the
channel and municipality already chosen. axe-core finds no serious or critical violation on the answer.
"""

import re
from urllib.parse import parse_qs, urlsplit

from tests.e2e.live_site import LiveSite
from tests.e2e.test_accessibility import assert_accessible


def test_a_family_walks_the_guide_and_reaches_a_prefilled_sign_up(page, screenshots, site: LiveSite):
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Wegweiser").first.click()
    page.wait_for_url("**/wegweiser/")
    page.get_by_label("Ich komme als …").select_option(label="Familie")
    page.get_by_label("Wohnort oder Wunschort").select_option(label="Asperg")
    page.get_by_label("Beratung am liebsten auf").select_option(label="English")
    page.get_by_label("Mit Kindern im Schulalter").check()
    screenshots.take(page, "guide questions")
    page.get_by_role("button", name="Antwort zeigen").click()
    page.wait_for_url(re.compile(r"/wegweiser/\?"))
    query = parse_qs(urlsplit(page.url).query)
    assert (query["profil"], query["kommune"], query["sprache"], query["kinder"]) == (
        ["familie"],
        ["asperg"],
        ["en"],
        ["1"],
    )
    answer = page.locator("section.guide-answer")
    for heading in (
        "Anlaufstellen in Ihrer Nähe",
        "MINT-Angebote für Ihre Kinder",
        "Newsletter, die zu Ihnen passen",
    ):
        answer.get_by_role("heading", name=heading).wait_for()
    assert answer.locator("#anlaufstellen ~ ul li").count() > 0
    assert answer.locator('[lang="en"]').count() > 0  # the language is named in its own name, "English"
    assert_accessible(page, screenshots, "guide answer")

    bookmarked = page.url
    page.goto("/")
    page.goto(bookmarked)
    answer.get_by_role("heading", name="Anlaufstellen in Ihrer Nähe").wait_for()

    answer.get_by_role("link", name="„MINT-Update“ abonnieren").click()
    page.wait_for_url(re.compile(r"/newsletter/\?"))
    assert page.get_by_label("MINT-Update").is_checked()
    assert page.get_by_label("Kommune").input_value() == "asperg"
    assert not page.get_by_label("Ja, ich willige wie oben beschrieben ein.").is_checked()
    screenshots.take(page, "prefilled sign-up")

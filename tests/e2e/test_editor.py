"""Journey 1 — the editor: a MINT offer written in the admin reaches every channel that shows offers.

An editor logs into ``/admin/``, adds a MINT offer below the MINT index, uploads its picture through the
image chooser, gives it a date, subject, grade band and municipality, and publishes it. The module's fixture
does that once in the browser; each test then checks one place where readers meet the offer: the MINT index
and its filters, the content API, the ``mint-update`` feed and its calendar.
"""

import io
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import ARTIFACTS, Screenshots, log_in, new_page
from tests.e2e.live_site import EDITOR, LiveSite

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Offer:
    title: str
    slug: str
    teaser: str
    image_title: str
    alt: str
    start: datetime
    end: datetime
    place: str

    @property
    def path(self) -> str:
        return f"/mint/{self.slug}/"


def admin_datetime(moment: datetime) -> str:
    """The date as a German editor types it (``WAGTAIL_DATETIME_FORMAT``): the checks below of the index,
    API, feed and calendar then prove that a typed date is kept rather than replaced by the current time."""
    return moment.strftime("%d.%m.%Y %H:%M")


def png(colour: tuple[int, int, int]) -> bytes:
    """A photo stand-in: a new PNG each run, so that Wagtail's duplicate check does not intervene."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), colour).save(buffer, "PNG")
    return buffer.getvalue()


def wait_until_autosaved(page) -> None:
    """Wait, as an editor watches the indicator, until Wagtail's autosave shows "Gespeichert".

    Autosave sends the form 0.5 s after the last change. A publish that overtakes a running autosave of a
    new page can be undone by it (the autosave writes the page row it read before the publish, with
    ``live`` off), so the journey publishes only once the last change is saved. The pause first lets the
    last change's autosave begin, since the indicator still says "saved" from the one before.
    """
    page.wait_for_timeout(1500)
    page.locator("#w-autosave-indicator[data-w-autosave-state-value=saved]").wait_for(state="attached")


def fill_datetime(page, selector: str, moment: datetime) -> None:
    page.fill(selector, admin_datetime(moment))
    page.keyboard.press("Escape")  # closes the date picker that opened on focus


@pytest.fixture(scope="module")
def offer(browser, site: LiveSite) -> Offer:
    """The offer, created and published by the editor in the admin."""
    day = datetime.now(BERLIN).date() + timedelta(days=45)
    offer = Offer(
        title="Drohnen-Werkstatt im Bildungszentrum",
        slug="drohnen-werkstatt-im-bildungszentrum",
        teaser="Jugendliche ab Klasse 8 bauen und programmieren an einem Samstag ihre eigene Drohne.",
        image_title="Drohnen-Werkstatt",
        alt="Zwei Jugendliche löten die Steuerplatine einer kleinen Drohne",
        start=datetime.combine(day, time(10, 0), BERLIN),
        end=datetime.combine(day, time(15, 30), BERLIN),
        place="Bildungszentrum Ludwigsburg, Raum 1.12",
    )
    shots = Screenshots(ARTIFACTS / "screenshots" / "test_editor" / "publishing")
    page = new_page(browser, site)
    log_in(page, EDITOR)
    shots.take(page, "dashboard")

    page.goto("/admin/pages/")
    page.get_by_role("link", name=re.compile("Unterseiten von .Wirtschaft im Landkreis")).click()
    page.get_by_role("link", name=re.compile("Unterseiten von .MINT-Angebote")).click()
    page.get_by_role("link", name="Unterseite hinzufügen").first.click()
    page.wait_for_url("**/add/page_types/mintofferpage/*/")

    page.fill("#id_title", offer.title)
    page.fill("#id_teaser", offer.teaser)
    page.get_by_role("button", name="Bild auswählen").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("tab", name="Hochladen").click()
    chooser.locator("input[type=file]").set_input_files(
        {"name": "drohnen-werkstatt.png", "mimeType": "image/png", "buffer": png((38, 110, 160))}
    )
    chooser.locator("input[name=image-chooser-upload-title]").fill(offer.image_title)
    shots.take(page, "image upload")
    chooser.get_by_role("button", name="Hochladen").click()
    chooser.wait_for(state="detached")
    page.fill("#id_listing_image_alt", offer.alt)
    page.select_option("#id_kind", label="Workshop/Kurs")
    page.get_by_label("Informatik", exact=True).check()
    page.get_by_label("Technik", exact=True).check()
    page.get_by_label("Klasse 8–10", exact=True).check()
    page.get_by_role("button", name="Termin hinzufügen").click()
    fill_datetime(page, "#id_occurrences-0-start", offer.start)
    fill_datetime(page, "#id_occurrences-0-end", offer.end)
    page.fill("#id_occurrences-0-place", offer.place)
    page.fill("#id_location", "Ludwigsburg")
    page.fill("#id_cost", "kostenlos")
    page.locator("#id_occurrences-0-place").scroll_into_view_if_needed()
    shots.take(page, "offer with image and date")
    page.get_by_role("tab", name="Zuordnung").click()
    page.get_by_label("Ludwigsburg", exact=True).check()

    wait_until_autosaved(page)
    page.get_by_role("button", name="Mehr Aktionen").click()
    page.get_by_role("button", name="Veröffentlichen").click()
    message = page.locator(".messages")
    message.wait_for()
    shots.take(page, "published")
    # "erstellt und veröffentlicht", or only "veröffentlicht" when the admin's autosave created it first.
    assert re.search(
        rf"‚{re.escape(offer.title)}‘ wurde (erstellt und )?veröffentlicht", message.inner_text()
    )
    page.context.close()
    return offer


def test_the_offer_is_listed_on_the_mint_index_and_found_by_its_filters(page, screenshots, offer):
    page.goto("/mint/")
    page.get_by_label("Fach").select_option(label="Informatik")
    page.get_by_label("Zielgruppe").select_option(label="Klasse 8–10")
    page.get_by_label("Kommune").select_option(label="Ludwigsburg")
    # Upcoming offers are the default; past ones only on request.
    assert not page.get_by_label("Auch vergangene Angebote anzeigen").is_checked()
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url(re.compile(r"subject=informatik"))
    card = page.locator("article.card", has=page.get_by_role("link", name=offer.title))
    card.wait_for()
    screenshots.take(page, "filtered index")
    assert card.locator("img").get_attribute("alt") == offer.alt
    assert card.locator("img").evaluate("image => image.complete && image.naturalWidth > 0")
    assert f"{offer.start:%H:%M}–{offer.end:%H:%M} Uhr" in card.inner_text()

    page.get_by_label("Fach").select_option(label="Mathematik")
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url(re.compile(r"subject=mathematik"))
    screenshots.take(page, "other subject")
    assert page.get_by_role("link", name=offer.title).count() == 0

    page.goto("/mint/?subject=informatik")
    page.get_by_role("link", name=offer.title).click()
    page.wait_for_url(f"**{offer.path}")
    screenshots.take(page, "offer page")
    assert page.get_by_role("heading", level=1).inner_text() == offer.title
    assert offer.place in page.content()


def test_the_offer_is_in_the_content_api(page, offer):
    response = page.request.get(
        "/api/v2/pages/",
        params={
            "type": "page_types.MintOfferPage",
            "slug": offer.slug,
            "fields": "teaser,listing_image,subjects,grade_bands,municipalities,occurrences",
        },
    )
    assert response.ok, response.text()
    [item] = response.json()["items"]
    assert item["title"] == offer.title
    assert item["teaser"] == offer.teaser
    assert {term["slug"] for term in item["subjects"]} == {"informatik", "technik"}
    assert [term["slug"] for term in item["grade_bands"]] == ["klasse-8-10"]
    assert [term["slug"] for term in item["municipalities"]] == ["ludwigsburg"]
    [occurrence] = item["occurrences"]
    assert datetime.fromisoformat(occurrence["start"]) == offer.start
    assert datetime.fromisoformat(occurrence["end"]) == offer.end
    assert occurrence["place"] == offer.place
    image = item["listing_image"]
    assert (image["title"], image["alt"]) == (offer.image_title, offer.alt)
    assert page.request.get(image["renditions"]["card"]["url"]).headers["content-type"] == "image/png"


def test_the_offer_is_in_the_mint_update_feed(page, offer):
    import feedparser

    response = page.request.get("/feeds/mint-update/rss/")
    assert response.ok, f"{response.status} {response.url}"
    feed = feedparser.parse(response.body())
    [entry] = [entry for entry in feed.entries if entry.title == offer.title]
    assert entry.link.endswith(offer.path)
    assert offer.teaser in entry.summary


def test_the_offer_is_in_the_mint_update_calendar(page, offer):
    from icalendar import Calendar

    response = page.request.get("/feeds/mint-update/ics/")
    assert response.ok, f"{response.status} {response.url}"
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.body())
    [event] = [event for event in calendar.walk("VEVENT") if str(event["SUMMARY"]) == offer.title]
    assert event.decoded("DTSTART") == offer.start
    assert event.decoded("DTEND") == offer.end
    assert offer.place in str(event["LOCATION"])

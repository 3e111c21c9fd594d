"""Journey 4 — the finder: a pupil searches the site for an offer, opens it, and shares its link.

On the home page of the demo she types "Mähroboter" into the search box in the header, narrows the
results to MINT offers with the filter link, and opens the robotics workshop. What a messenger or a search
engine reads from the offer's head is checked as they would read it: the Open Graph and Twitter tags with
the preview image (fetched: it must load and have the size it claims), the canonical address, and the
JSON-LD, which must pass the schema.org checker of the unit tests — all under the site's Content Security
Policy, which must not complain.
"""

import json
import re
from io import BytesIO

from PIL import Image

from tests.page_types.schema_org import check, missing_recommended

OFFER_TITLE = "Robotik-AG: Wir bauen einen Mähroboter"
OFFER_PATH = "/mint/robotik-ag-maehroboter/"


def meta(page, key: str) -> str | None:
    tag = page.locator(f'meta[property="{key}"], meta[name="{key}"]')
    return tag.get_attribute("content") if tag.count() else None


def test_a_pupil_finds_an_offer_and_its_link_previews_well(page, site, screenshots):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto("/")
    search = page.get_by_role("search", name="Website durchsuchen")
    search.get_by_label("Suchbegriff").fill("Mähroboter")
    search.get_by_role("button", name="Suchen").click()
    page.wait_for_url(re.compile(r"/suche/\?q=M%C3%A4hroboter$"))
    screenshots.take(page, "search results")

    results = page.locator(".search-hit")
    assert results.count() >= 1
    page.get_by_role("navigation", name="Eingrenzen").get_by_role(
        "link", name=re.compile("^MINT-Angebote")
    ).click()
    page.wait_for_url(re.compile(r"family=mint-angebote"))
    hit = page.locator(".search-hit", has_text=OFFER_TITLE)
    assert hit.locator(".kicker").inner_text().strip().lower() == "mint-angebot"
    assert hit.locator("mark").first.inner_text() == "Mähroboter"
    hit.get_by_role("link", name=OFFER_TITLE).click()
    page.wait_for_url(f"**{OFFER_PATH}")
    screenshots.take(page, "offer")

    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical == f"{site.url}{OFFER_PATH}"
    assert meta(page, "og:url") == canonical
    assert meta(page, "og:title") == meta(page, "twitter:title") == OFFER_TITLE
    assert meta(page, "og:description").startswith("Vier Nachmittage lang")
    assert meta(page, "description") == meta(page, "og:description")
    assert meta(page, "og:type") == "article" and meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "og:image:alt") and meta(page, "og:image:alt") == meta(page, "twitter:image:alt")

    image_url = meta(page, "og:image")
    assert image_url.startswith(f"{site.url}/media/") and image_url == meta(page, "twitter:image")
    image = page.request.get(image_url)
    assert image.ok and image.headers["content-type"] == meta(page, "og:image:type")
    width, height = Image.open(BytesIO(image.body())).size
    assert (str(width), str(height)) == (meta(page, "og:image:width"), meta(page, "og:image:height"))
    assert abs(width / height - 1200 / 630) < 0.01

    document = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert check(document) == []
    events = document["@graph"]
    assert events and all(event["@type"] == "EducationEvent" for event in events)
    assert all(event["url"] == canonical and missing_recommended(event) == set() for event in events)
    assert events[0]["location"]["address"]["addressLocality"] == "Bietigheim-Bissingen"

    feeds = page.locator('link[rel="alternate"][type="application/feed+json"]')
    assert feeds.count() >= 1
    assert not [text for text in console if "Content Security Policy" in text], console

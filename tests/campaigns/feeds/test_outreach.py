"""MINT listings and offer pages lead to the calendar and the newsletter: a filtered listing offers exactly
its selection as a calendar subscription (webcal:// and https://), and one offer comes as its own ``.ics``
with the same event as the channel calendar, plus Google and Outlook links."""

from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

from tests.campaigns.feeding import events, parse_calendar
from tests.page_types.markup import soup

FILTERS = {"subject": "informatik", "grade_band": "klasse-8-10", "municipality": "ludwigsburg"}


def outreach(client, url: str, query: dict | None = None):
    response = client.get(url, query or {})
    assert response.status_code == 200
    return soup(response).find("aside", class_="outreach")


def test_a_filtered_listing_offers_its_selection_as_a_calendar(client, feed_site):
    box = outreach(client, feed_site.tree["mint"].url, FILTERS)
    button = box.find("a", string="Diese Auswahl als Kalender abonnieren")
    assert button["href"].startswith("webcal://")
    https = box.find("a", class_="calendar-address")["href"]
    assert https.startswith("http") and https.partition("://")[2] == button["href"].partition("://")[2]
    assert urlsplit(https).path == feed_site.url("mint", "ics")
    assert {k: v[0] for k, v in parse_qs(urlsplit(https).query).items()} == FILTERS
    text = box.get_text(" ", strip=True)
    assert "iPhone" in text and "Outlook" in text and "Google" in text
    assert box.find("a", href="/newsletter/")
    # The subscribed address answers with the selection: only the Informatik offer in Ludwigsburg.
    calendar = parse_calendar(client.get(urlsplit(https)._replace(scheme="", netloc="").geturl()))
    assert {str(event["SUMMARY"]) for event in events(calendar).values()} == {"Robotik für Klasse 8–10"}


def test_the_calendar_of_a_nearby_selection_carries_its_radius(client, feed_site):
    box = outreach(client, feed_site.tree["mint"].url, {"municipality": "ludwigsburg", "radius": "10"})
    assert box.find("a", string="Diese Auswahl als Kalender abonnieren")
    https = box.find("a", class_="calendar-address")["href"]
    assert {k: v[0] for k, v in parse_qs(urlsplit(https).query).items()} == {
        "municipality": "ludwigsburg",
        "radius": "10",
    }
    # The calendar shows what the listing shows: Ludwigsburg's offer and Tamm's, 6 km away.
    listed = soup(client.get(feed_site.tree["mint"].url, {"municipality": "ludwigsburg", "radius": "10"}))
    titles = {card.find("h2").get_text(strip=True) for card in listed.select("article.card")}
    calendar = parse_calendar(client.get(urlsplit(https)._replace(scheme="", netloc="").geturl()))
    assert {str(event["SUMMARY"]) for event in events(calendar).values()} == titles
    assert titles == {feed_site.pages["offer_it"].title, feed_site.pages["offer_math"].title}


def test_an_unfiltered_listing_offers_the_whole_channel(client, feed_site):
    box = outreach(client, feed_site.tree["mint"].url)
    assert box.find("a", string="Alle Angebote als Kalender abonnieren")
    assert box.find("a", class_="calendar-address")["href"].endswith(feed_site.url("mint", "ics"))


def test_other_listings_offer_no_calendar(client, feed_site):
    assert outreach(client, feed_site.tree["news"].url) is None


def test_an_offer_page_links_its_own_calendar_file_with_the_channel_calendars_event(client, feed_site):
    offer = feed_site.pages["offer_it"]
    document = soup(client.get(offer.url))
    [link] = document.select("a[download]")
    assert link.get_text(" ", strip=True).startswith("In meinen Kalender")
    response = client.get(link["href"])
    assert response.status_code == 200, link["href"]
    assert response["Content-Disposition"] == f'attachment; filename="{offer.slug}.ics"'
    [own] = events(parse_calendar(response)).values()
    channel_events = events(parse_calendar(client.get(feed_site.url("mint", "ics"))))
    [same] = [
        event
        for uid, event in channel_events.items()
        if uid.partition("@")[0] == own["UID"].partition("@")[0]
    ]
    for name in (
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "LOCATION",
        "DESCRIPTION",
        "URL",
        "SEQUENCE",
        "LAST-MODIFIED",
    ):
        assert own[name].to_ical() == same[name].to_ical(), name
    assert [str(tz["TZID"]) for tz in parse_calendar(response).walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert document.find("aside", class_="outreach").find("a", href=lambda h: h and h.startswith("webcal://"))


def test_an_offer_page_opens_its_next_date_in_google_and_outlook(client, feed_site):
    offer = feed_site.pages["offer_it"]
    occurrence = offer.occurrences.get()
    document = soup(client.get(offer.url))
    google = parse_qs(urlsplit(document.find("a", string="Google Kalender")["href"]).query)
    outlook_url = urlsplit(document.find("a", string="Outlook.com")["href"])
    outlook = parse_qs(outlook_url.query)
    assert google["text"] == outlook["subject"] == [offer.title]
    local = timezone.localtime(occurrence.start)
    assert google["dates"][0].startswith(local.strftime("%Y%m%dT%H%M%S") + "/")
    assert google["ctz"] == ["Europe/Berlin"]
    assert outlook_url.netloc == "outlook.live.com"
    assert outlook["startdt"] == [local.isoformat()]
    assert google["location"] == outlook["location"] == ["Raum 1"]


def test_an_offer_without_dates_offers_no_calendar_file(client, feed_site):
    offer = feed_site.pages["offer_it"]
    offer.occurrences.all().delete()
    offer.ongoing = True
    offer.save_revision().publish()
    document = soup(client.get(offer.url))
    assert not document.select("a[download]")
    assert not document.find("a", string="Google Kalender")

"""The channel list at /feeds/ and feed autodiscovery in the head of index pages."""

from page_types.public_urls import public_base_url
from tests.campaigns.feeding import parse_calendar, parse_feed, parse_json_feed
from tests.page_types.markup import assert_accessible_structure, soup


def alternates(response) -> list[tuple[str, str]]:
    """The (type, href) of every ``<link rel="alternate">`` in the head."""
    head = soup(response).head
    return [(link["type"], link["href"]) for link in head.find_all("link", rel="alternate")]


def test_the_channel_list_names_every_public_channel_with_its_outlets(client, feed_site):
    response = client.get("/feeds/")
    assert response.status_code == 200
    document = soup(response)
    assert_accessible_structure(document)
    sections = {
        section.h2.get_text(): section for section in document.find_all("section", class_="feed-channel")
    }
    assert list(sections) == ["Alles", "Mint Update", "Wirtschaft Im Landkreis"]  # not "Intern"

    mint = sections["Mint Update"]
    hrefs = [link["href"] for link in mint.find_all("a")]
    assert hrefs == [
        "/feeds/mint-update/rss/",
        "/feeds/mint-update/atom/",
        "/feeds/mint-update/json/",
        "webcal://" + f"{public_base_url()}/feeds/mint-update/ics/".partition("://")[2],
        f"{public_base_url()}/feeds/mint-update/ics/",
    ]
    # Only channels that can hold MINT offers have a calendar.
    assert not sections["Wirtschaft Im Landkreis"].find("a", href=lambda href: "ics" in href)
    assert sections["Alles"].find(
        "a", href="webcal://" + f"{public_base_url()}/feeds/alles/ics/".partition("://")[2]
    )
    # Link texts name the channel for screen readers, which list links out of context.
    assert mint.find("a", href="/feeds/mint-update/rss/").get_text() == "Mint Update: RSS"

    newsletter = document.find("main").find("a", class_="button", href="/newsletter/")
    assert newsletter and newsletter.get_text() == "Newsletter abonnieren"
    assert "Feeds und Kalender" in document.title.get_text()


def test_every_link_of_the_list_is_a_working_feed(client, feed_site):
    parsers = {
        "application/rss+xml": parse_feed,
        "application/atom+xml": parse_feed,
        "application/feed+json": parse_json_feed,
        "text/calendar": parse_calendar,
    }
    links = soup(client.get("/feeds/")).find_all("a", type=True)
    assert len(links) == 3 * 3 + 2
    for link in links:
        parsers[link["type"]](client.get(link["href"]))


def test_the_list_is_discoverable_by_feed_readers(client, feed_site):
    found = alternates(client.get("/feeds/"))
    assert ("application/rss+xml", "/feeds/mint-update/rss/") in found
    assert ("application/atom+xml", "/feeds/alles/atom/") in found
    assert ("application/feed+json", "/feeds/wirtschaft-im-landkreis/json/") in found
    assert len(found) == 9


def test_filters_carry_into_every_link(client, feed_site):
    response = client.get("/feeds/?subject=informatik&municipality=ludwigsburg")
    assert response.status_code == 200
    hrefs = [link["href"] for link in soup(response).find_all("a", type=True)]
    assert hrefs and all(href.endswith("?municipality=ludwigsburg&subject=informatik") for href in hrefs)
    assert (
        soup(response).find("select", id="id_subject").find("option", selected=True)["value"] == "informatik"
    )


def test_bad_filters_on_the_list_are_a_400_with_a_summary(client, feed_site):
    response = client.get("/feeds/?subject=latein&farbe=blau")
    assert response.status_code == 400
    document = soup(response)
    assert_accessible_structure(document)
    summary = document.find(class_="error-summary")
    assert summary["role"] == "alert"
    assert "Unbekannter Parameter: farbe" in summary.get_text()
    assert document.title.get_text().startswith("Fehler: ")


def test_index_pages_announce_the_feeds_of_channels_that_include_their_pages(client, feed_site):
    mint_index = alternates(client.get(feed_site.tree["mint"].url))
    assert {href for _type, href in mint_index} == {
        f"/feeds/{slug}/{outlet}/" for slug in ("mint-update", "alles") for outlet in ("rss", "atom", "json")
    }
    news_index = {href for _type, href in alternates(client.get(feed_site.tree["news"].url))}
    assert "/feeds/wirtschaft-im-landkreis/rss/" in news_index and "/feeds/mint-update/rss/" not in news_index
    assert not any("intern" in href for href in news_index)


def test_content_pages_announce_the_feeds_of_channels_that_include_their_family(client, feed_site):
    def channels(key: str) -> set[str]:
        return {href.split("/")[2] for _type, href in alternates(client.get(feed_site.pages[key].url))}

    assert channels("story") == {"alles"}
    assert channels("news_lb") == {"wirtschaft-im-landkreis", "alles"}
    assert channels("offer_it") == {"mint-update", "alles"}
    offer = alternates(client.get(feed_site.pages["offer_it"].url))
    assert ("application/feed+json", "/feeds/mint-update/json/") in offer
    assert len(offer) == 2 * 3  # RSS, Atom and JSON Feed of each channel


def test_the_home_page_announces_every_public_channel(client, feed_site):
    home = {href for _type, href in alternates(client.get(feed_site.tree["home"].url))}
    assert {href.split("/")[2] for href in home} == {"mint-update", "wirtschaft-im-landkreis", "alles"}


def test_views_that_are_no_pages_announce_no_feeds(client, feed_site):
    assert alternates(client.get("/suche/")) == []

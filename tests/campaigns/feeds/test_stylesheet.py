"""RSS and Atom open readably in a browser: they name our XSLT stylesheet in an ``<?xml-stylesheet?>``
processing instruction, the site serves it with an XML media type, and libxslt (Chromium's XSLT engine, here
through lxml) turns a real feed of ours into a German page that explains feeds and lists the items as links —
with nothing the site's Content Security Policy would block. A browser, which shows ``application/rss+xml``
as plain text, gets the same feed as ``application/xml``, which it renders; feed readers get the feed's own
type."""

from urllib.parse import urlsplit

import pytest
from lxml import etree, html

from campaigns.feeds.syndication import STYLESHEET
from page_types.public_urls import public_base_url
from tests.campaigns.feeding import parse_feed
from tests.processes import ROOT

XSLT_FILE = ROOT / "campaigns" / "static" / STYLESHEET
SYNDICATION = ("rss", "atom")
# What Chromium sends when a reader opens an address (Firefox and Safari: the same without the image types and
# the signed exchange).
BROWSER_ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7"
)


def stylesheet_instructions(body: bytes) -> list[etree._ProcessingInstruction]:
    """The ``xml-stylesheet`` processing instructions before the feed's root element."""
    root = etree.fromstring(body)
    return [node for node in root.itersiblings(preceding=True) if node.target == "xml-stylesheet"]


def render(body: bytes) -> html.HtmlElement:
    """The page a browser shows for the feed: our stylesheet applied by libxslt, parsed as HTML."""
    transform = etree.XSLT(etree.parse(XSLT_FILE))
    return html.fromstring(str(transform(etree.fromstring(body))))


@pytest.mark.parametrize("outlet", SYNDICATION)
def test_rss_and_atom_name_the_stylesheet_before_the_root_element(client, feed_site, outlet):
    response = client.get(feed_site.url("mint", outlet))
    parse_feed(response)  # still a well-formed feed to a feed reader
    [instruction] = stylesheet_instructions(response.content)
    assert instruction.get("type") == "text/xsl"
    assert instruction.get("href") == f"/static/{STYLESHEET}"
    assert instruction.get("media") is None


@pytest.mark.parametrize("outlet", SYNDICATION)
def test_the_stylesheet_is_served_from_the_feeds_origin_with_an_xml_media_type(client, feed_site, outlet):
    [instruction] = stylesheet_instructions(client.get(feed_site.url("mint", outlet)).content)
    href = instruction.get("href")
    assert not urlsplit(href).netloc, "browsers apply only same-origin XSLT"
    response = client.get(href)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == XSLT_FILE.read_bytes()


def test_the_stylesheet_is_well_formed_xslt():
    document = etree.parse(XSLT_FILE)
    assert document.getroot().tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    etree.XSLT(document)


@pytest.mark.parametrize("outlet", SYNDICATION)
def test_a_feed_renders_as_a_german_page_with_its_items_as_links(client, feed_site, outlet):
    response = client.get(feed_site.url("alles", outlet))
    entries = parse_feed(response).entries
    page = render(response.content)

    assert page.get("lang") == "de"
    assert page.findtext(".//h1") == "Alles – Wirtschaftsförderung Landkreis Ludwigsburg"
    text = page.text_content()
    assert "Dies ist ein Feed" in text
    assert "kopieren Sie die Adresse dieser Seite in Ihren Feed-Reader" in text
    assert page.findtext(".//code") == f"{public_base_url()}/feeds/alles/{outlet}/"
    links = [(link.text_content().strip(), link.get("href")) for link in page.iterfind(".//main//li/a")]
    assert links == [(entry.title, entry.link) for entry in entries]
    assert len(links) == 6
    assert ("Zur Website", f"{public_base_url()}/") in [
        (link.text_content().strip(), link.get("href")) for link in page.iterfind(".//a")
    ]


@pytest.mark.parametrize("outlet", SYNDICATION)
def test_an_english_feed_renders_in_english(client, feed_site, outlet):
    page = render(client.get(feed_site.url("mint", outlet, "?locale=en")).content)
    assert page.get("lang") == "en"
    assert "This is a feed" in page.text_content()


def test_a_channel_without_items_says_so(client, feed_site):
    page = render(client.get(feed_site.url("mint", "rss", "?municipality=freiberg-am-neckar")).content)
    assert "Dieser Kanal hat noch keine Beiträge." in page.text_content()
    assert not page.findall(".//li")


@pytest.mark.parametrize("outlet", SYNDICATION)
def test_the_page_needs_nothing_the_content_security_policy_blocks(client, feed_site, outlet):
    """The rendered page inherits the feed's policy: no inline script or style, nothing loaded at all."""
    response = client.get(feed_site.url("alles", outlet))
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "script-src 'self'" in policy
    page = render(response.content)
    assert not page.xpath("//script | //style | //link | //img | //iframe | //object | //*[@style]")
    assert not page.xpath("//@*[starts-with(name(), 'on')]")


def varies(response) -> set[str]:
    return {name.strip() for name in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("outlet", SYNDICATION)
def test_a_browser_gets_the_feed_as_xml_and_a_feed_reader_as_a_feed(client, feed_site, outlet):
    url = feed_site.url("mint", outlet)
    reader = client.get(url, HTTP_ACCEPT=f"application/{outlet}+xml, application/xml;q=0.9, */*;q=0.5")
    browser = client.get(url, HTTP_ACCEPT=BROWSER_ACCEPT)
    assert reader["Content-Type"] == f"application/{outlet}+xml; charset=utf-8"
    assert browser["Content-Type"] == "application/xml; charset=utf-8"
    assert browser.content == reader.content
    assert "Accept" in varies(browser) and "Accept" in varies(reader)
    # Two representations, two strong validators: each revalidates only its own copy.
    assert browser["ETag"] != reader["ETag"]
    revalidated = client.get(url, HTTP_ACCEPT=BROWSER_ACCEPT, HTTP_IF_NONE_MATCH=browser["ETag"])
    assert revalidated.status_code == 304 and "Accept" in varies(revalidated)
    assert client.get(url, HTTP_ACCEPT=BROWSER_ACCEPT, HTTP_IF_NONE_MATCH=reader["ETag"]).status_code == 200


@pytest.mark.parametrize(
    ("outlet", "media_type"), [("json", "application/feed+json"), ("ics", "text/calendar")]
)
def test_the_json_feed_and_the_calendar_keep_their_type_in_a_browser(client, feed_site, outlet, media_type):
    response = client.get(feed_site.url("mint", outlet), HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert "Accept" not in varies(response)

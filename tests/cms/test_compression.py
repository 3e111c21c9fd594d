"""Compressed answers of the APIs and feeds: smaller bodies that decode to the same bytes, ``Vary``, working
revalidation, and HTML pages left uncompressed (BREACH, cms/compression.py)."""

import gzip

import brotli
import pytest
import zstandard

from tests.campaigns.feeding import feed_site, feed_site_keys  # noqa: F401

DECODERS = {
    "br": brotli.decompress,
    "gzip": gzip.decompress,
    "zstd": lambda body: zstandard.ZstdDecompressor().decompressobj().decompress(body),
}
LISTING = "/api/v2/pages/?type=page_types.MintOfferPage&fields=*"


@pytest.fixture
def urls(feed_site) -> list[str]:  # noqa: F811 — the imported fixture
    """A content listing, the sign-up options and three feeds of the shared feed site."""
    return [
        LISTING,
        "/api/subscriptions/options",
        feed_site.url("alles", "json"),
        feed_site.url("alles", "rss"),
        feed_site.url("alles", "ics"),
    ]


@pytest.mark.parametrize("encoding", DECODERS)
def test_an_accepted_encoding_gives_a_smaller_body_that_decodes_to_the_same(client, urls, encoding):
    for url in urls:
        plain = client.get(url)
        compressed = client.get(url, headers={"accept-encoding": encoding})
        assert plain.status_code == compressed.status_code == 200, url
        assert compressed["Content-Encoding"] == encoding, url
        assert len(compressed.content) < len(plain.content) / 2, url
        assert DECODERS[encoding](compressed.content) == plain.content, url
        assert int(compressed["Content-Length"]) == len(compressed.content)
        assert "Accept-Encoding" in compressed["Vary"], url


def test_brotli_is_preferred_to_gzip(client, urls):
    response = client.get(LISTING, headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "br"


def test_without_an_accepted_encoding_nothing_is_compressed(client, urls):
    for url in urls:
        for headers in ({}, {"accept-encoding": "identity"}, {"accept-encoding": "br;q=0, gzip;q=0"}):
            response = client.get(url, headers=headers)
            assert "Content-Encoding" not in response, (url, headers)
            assert "Accept-Encoding" in response["Vary"], url


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_compressed_answer_is_revalidated_with_304(client, urls, encoding):
    for url in urls[::2]:
        first = client.get(url, headers={"accept-encoding": encoding})
        assert first["ETag"].startswith('W/"'), "a compressed body's ETag is weak (RFC 9110 8.8.1)"
        again = client.get(url, headers={"accept-encoding": encoding, "if-none-match": first["ETag"]})
        assert again.status_code == 304, url
        assert again.content == b""
        assert "Accept-Encoding" in again["Vary"]
        plain = client.get(url, headers={"if-none-match": first["ETag"]})
        assert plain.status_code == 304, "one representation's ETag revalidates the other's"


def test_html_pages_are_not_compressed(client, urls):
    for url in ("/newsletter/", "/"):
        response = client.get(url, headers={"accept-encoding": "br, gzip"})
        assert response.status_code == 200, url
        assert "Content-Encoding" not in response, url

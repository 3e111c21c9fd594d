"""``/sitemap.xml`` and ``/robots.txt``: every public live page for search engines, nothing private or
unpublished, and addresses from the configured site, whichever host name the request used."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from page_types.models import LighthouseStoryPage
from tests.factories import make_news, make_offer, make_site, make_story

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client, **headers) -> dict[str, str]:
    response = client.get("/sitemap.xml", headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root}


@pytest.fixture
def tree(db):
    site = make_site()
    story = make_story(site["lighthouse"], "Öffentliche Geschichte")
    offer = make_offer(site["mint"], "Robotik-Workshop")
    private = make_news(site["news"], "Nur für Mitarbeitende")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = site["lighthouse"].add_child(
        instance=LighthouseStoryPage(title="Entwurf", slug="entwurf", teaser="Noch nicht fertig.", live=False)
    )
    return {**site, "story": story, "offer": offer, "private": private, "draft": draft}


def test_the_sitemap_lists_every_public_live_page_with_its_last_change(client, tree):
    entries = sitemap_entries(client)
    expected = [tree[key] for key in ("home", "lighthouse", "mint", "history", "news", "story", "offer")]
    assert set(entries) == {f"http://localhost{page.url}" for page in expected}
    story = LighthouseStoryPage.objects.get(pk=tree["story"].pk)
    lastmod = timezone.localtime(story.last_published_at).date().isoformat()  # the site's day
    assert entries[f"http://localhost{story.url}"] == lastmod


def test_private_and_unpublished_pages_are_not_in_the_sitemap(client, tree):
    locations = " ".join(sitemap_entries(client))
    assert tree["private"].slug not in locations
    assert "entwurf" not in locations


def test_sitemap_addresses_come_from_the_configured_site_not_the_host_header(client, tree):
    entries = sitemap_entries(client, host="127.0.0.1")
    assert entries and all(location.startswith("http://localhost/") for location in entries)


def test_a_site_on_port_443_is_announced_with_https(client, tree):
    site = tree["home"].get_site()
    site.hostname, site.port = "www.example.org", 443
    site.save()
    entries = sitemap_entries(client, host="127.0.0.1")
    assert entries and all(location.startswith("https://www.example.org/") for location in entries)


def test_robots_txt_keeps_crawlers_out_of_admin_preview_and_search_and_names_the_sitemap(client, tree):
    response = client.get("/robots.txt", headers={"host": "127.0.0.1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow: ")}
    assert disallowed == {"/admin/", "/api/v2/page_preview/", "/suche/"}
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert not any(line == "Disallow: /" for line in lines)


def test_the_sitemap_robots_txt_names_is_served(client, tree):
    lines = client.get("/robots.txt").content.decode().splitlines()
    sitemap_url = next(line.removeprefix("Sitemap: ") for line in lines if line.startswith("Sitemap: "))
    assert client.get(sitemap_url.removeprefix("http://localhost")).status_code == 200

"""Stored XSS in page content: what an editor (or an import) stores is shown as text on the public site
and served as JSON text by the content API.

Every text field and every StreamField block of a story carries a script payload; the rendered page, the
listing and the home page must show it escaped, never as a script, an event handler or a ``javascript:``
link. Rich text takes the editor's own path — the Draftail form data posted to the admin — where a
``javascript:`` link must be dropped before it is stored.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from page_types.models import LighthouseStoryPage
from tests.factories import make_site
from tests.xss import MARKER, PAYLOAD, executable_payloads, shown_as_text

pytestmark = pytest.mark.django_db


def story_with_payload_everywhere(parent: Page) -> LighthouseStoryPage:
    page = LighthouseStoryPage(
        title=PAYLOAD,
        slug="xss-geschichte",
        teaser=PAYLOAD,
        seo_title=PAYLOAD,
        search_description=PAYLOAD,
        body=[
            ("heading", PAYLOAD),
            ("quote", {"quote": PAYLOAD, "attribution": PAYLOAD, "role": PAYLOAD}),
            (
                "key_figures",
                {"heading": PAYLOAD, "figures": [{"value": PAYLOAD, "label": PAYLOAD, "source": PAYLOAD}]},
            ),
            ("call_to_action", {"text": PAYLOAD, "link_label": PAYLOAD, "url": "https://example.org/"}),
        ],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_payloads_in_text_fields_and_blocks_are_shown_escaped(client):
    site = make_site()
    story = story_with_payload_everywhere(site["lighthouse"])

    for url in (story.url, site["lighthouse"].url, site["home"].url):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert executable_payloads(html) == [], url
    # Escaped, not dropped: the reader sees what the editor typed.
    assert shown_as_text(client.get(story.url).content.decode())


def draftail(text: str, link_url: str) -> str:
    """Draftail's form value for one paragraph whose first word links to ``link_url``."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "x7s3a",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 5, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link_url}}},
        }
    )


def test_rich_text_from_the_editor_keeps_no_script_and_no_javascript_link(client):
    site = make_site()
    story = story_with_payload_everywhere(site["lighthouse"])
    client.force_login(get_user_model().objects.create_superuser("xss-admin", "xss@example.org", "pw"))

    form = nested_form_data(
        {
            "title": "Geschichte mit Link",
            "slug": story.slug,
            "teaser": "Ein Teaser",
            "reach": story.reach,
            "publish_date": "2025-01-14",
            "body": streamfield(
                [("paragraph", draftail(f"Klick {PAYLOAD}", f"javascript:alert('{MARKER}')"))]
            ),
            "comments": {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            },
        }
    )
    response = client.post(f"/admin/pages/{story.pk}/edit/", {**form, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]

    stored = LighthouseStoryPage.objects.get(pk=story.pk).body[0].value.source
    assert executable_payloads(stored) == []
    assert "<a>Klick</a>" in stored  # the link survives without its javascript: target
    html = client.get(story.url).content.decode()
    assert executable_payloads(html) == []
    assert shown_as_text(html)


def test_the_content_api_returns_payloads_as_json_text_that_no_browser_renders(client):
    site = make_site()
    story = story_with_payload_everywhere(site["lighthouse"])

    response = client.get(f"/api/v2/pages/{story.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    data = response.json()
    assert data["title"] == PAYLOAD  # the data as stored: escaping is the consuming front end's job
    assert data["teaser"] == PAYLOAD
    listing = client.get("/api/v2/pages/", {"type": "page_types.LighthouseStoryPage", "fields": "teaser"})
    assert listing["Content-Type"].startswith("application/json")
    assert [item["teaser"] for item in listing.json()["items"]] == [PAYLOAD]

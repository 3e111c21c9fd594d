"""Conditional requests: ETag and Last-Modified with 304, ``Cache-Control`` for published content, and no
stale answer after any change an editor makes (publish, unpublish, privacy, vocabulary)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from page_types.models import Topic
from page_types.versions import ContentVersion
from tests.factories import make_offer

LISTING = "/api/v2/pages/?type=page_types.MintOfferPage&fields=*"


def fetch(client, url: str = LISTING, **headers):
    return client.get(url, headers=headers)


def revalidate(client, first, url: str = LISTING):
    """Ask again with the validators of an earlier response."""
    return fetch(client, url, if_none_match=first["ETag"])


@pytest.fixture
def offer(site):
    return make_offer(site["mint"], "Robotik", topics=["raum"])


def backdate_last_change(seconds: int = 5) -> None:
    """Pretend the last change was a few seconds ago (Last-Modified is only given once its second is over)."""
    ContentVersion.objects.update(changed_at=timezone.now() - timedelta(seconds=seconds))


def test_published_content_is_cacheable_but_revalidated_on_every_use(client, offer):
    response = fetch(client)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, no-cache"
    assert response["ETag"].startswith('"') and len(response["ETag"]) > 10
    assert fetch(client, "/api/v2/pages/?type=page_types.InternalNewsPage")["ETag"] != response["ETag"]


def test_a_current_copy_is_answered_with_304_without_rendering(client, offer):
    first = fetch(client)
    with CaptureQueriesContext(connection) as captured:
        again = revalidate(client, first)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, no-cache"
    assert len(captured) <= 3  # site, restrictions, content version — no listing, no serialisation


def publish_another(site, offer):
    make_offer(site["mint"], "Chemie")


def unpublish(site, offer):
    offer.unpublish()


def rename_topic(site, offer):
    topic = Topic.objects.get(slug="raum")
    topic.name = "Räume"
    topic.save()


def make_private(site, offer):
    PageViewRestriction.objects.create(
        page=site["mint"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )


@pytest.mark.parametrize("change", [publish_another, unpublish, rename_topic, make_private])
def test_no_stale_answer_after_a_change(client, site, offer, change):
    first = fetch(client)
    change(site, offer)
    again = revalidate(client, first)
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.json() != first.json()
    assert fetch(client).json() == again.json()


def test_the_same_request_again_is_answered_from_the_kept_body(client, offer):
    first = fetch(client)
    with CaptureQueriesContext(connection) as captured:
        again = fetch(client)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert len(captured) <= 3  # site, restrictions, content version


def test_a_draft_does_not_change_the_answer_but_its_publication_does(client, offer):
    offer.title = "Robotik für alle"
    revision = offer.save_revision()
    first = fetch(client)
    assert revalidate(client, first).status_code == 304
    assert first.json()["items"][0]["title"] == "Robotik"
    revision.publish()
    again = revalidate(client, first)
    assert again.status_code == 200
    assert again.json()["items"][0]["title"] == "Robotik für alle"


def test_last_modified_and_if_modified_since(client, offer):
    backdate_last_change()
    first = fetch(client)
    changed_at = ContentVersion.current().changed_at
    assert first["Last-Modified"] == http_date(int(changed_at.timestamp()) + 1)
    assert fetch(client, if_modified_since=first["Last-Modified"]).status_code == 304
    make_offer(offer.get_parent(), "Chemie")
    assert fetch(client, if_modified_since=first["Last-Modified"]).status_code == 200


def test_last_modified_is_withheld_while_its_second_may_still_see_changes():
    version = ContentVersion(counter=3, changed_at=timezone.now().replace(microsecond=400_000))
    assert version.last_modified(now=version.changed_at.replace(microsecond=999_999)) is None
    later = version.changed_at + timedelta(seconds=2)
    assert version.last_modified(now=later) == int(version.changed_at.timestamp()) + 1
    assert ContentVersion(counter=0).last_modified(now=later) is None


def test_answers_that_change_with_the_clock_have_no_last_modified(client, offer):
    backdate_last_change()
    response = fetch(client, "/api/v2/pages/?upcoming=true")
    assert response.status_code == 200 and response["ETag"]
    assert not response.has_header("Last-Modified")
    assert fetch(client, "/api/v2/pages/?upcoming=false").has_header("Last-Modified")


def test_details_images_and_documents_are_conditional_too(client, offer):
    for url in (f"/api/v2/pages/{offer.pk}/", "/api/v2/images/", "/api/v2/documents/"):
        first = fetch(client, url)
        assert first.status_code == 200 and first["Cache-Control"] == "public, no-cache"
        assert revalidate(client, first, url).status_code == 304


def test_errors_are_never_stored(client, site):
    for url in ("/api/v2/pages/?colour=blau", "/api/v2/pages/999999/"):
        response = fetch(client, url)
        assert response.status_code in (400, 404)
        assert response["Cache-Control"] == "private, no-store"
        assert not response.has_header("ETag")

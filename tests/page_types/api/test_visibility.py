"""No draft or private page, and no image or document of a private collection, is visible in the API —
whoever asks: responses are public and cacheable, so a logged-in editor sees what everybody sees."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from page_types.models import MintOfferPage
from tests.factories import make_image, make_offer, make_story
from tests.page_types.api.conftest import get_json


def ids(client, url: str) -> set[int]:
    status, body = get_json(client, url)
    assert status == 200, body
    return {item["id"] for item in body["items"]}


@pytest.fixture
def editor_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("redaktion", "r@example.org", "x"))
    return client


def test_a_page_never_published_is_invisible(client, site):
    draft = site["mint"].add_child(
        instance=MintOfferPage(title="Entwurf", teaser="t", kind="workshop", live=False)
    )
    assert draft.pk not in ids(client, "/api/v2/pages/?limit=50")
    assert get_json(client, f"/api/v2/pages/{draft.pk}/")[0] == 404
    assert get_json(client, f"/api/v2/pages/?child_of={draft.pk}")[0] == 400
    assert get_json(client, "/api/v2/pages/find/?html_path=/mint/entwurf/")[0] == 404


def test_unpublished_changes_of_a_live_page_stay_hidden(client, site):
    offer = make_offer(site["mint"], "Robotik")
    offer.title = "Geheimer neuer Titel"
    offer.save_revision()
    status, body = get_json(client, f"/api/v2/pages/{offer.pk}/")
    assert body["title"] == "Robotik"
    assert "Geheimer" not in str(get_json(client, "/api/v2/pages/?fields=*&search=Geheimer")[1])


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_private_section_is_invisible_even_to_a_logged_in_editor(editor_client, site, restriction_type):
    offer = make_offer(site["mint"], "Robotik")
    story = make_story(site["lighthouse"], "Öffentlich")
    PageViewRestriction.objects.create(
        page=site["mint"], restriction_type=restriction_type, password="geheim"
    )
    visible = ids(editor_client, "/api/v2/pages/?limit=50")
    assert site["mint"].pk not in visible and offer.pk not in visible
    assert story.pk in visible
    assert get_json(editor_client, f"/api/v2/pages/{offer.pk}/")[0] == 404
    assert get_json(editor_client, "/api/v2/pages/?type=page_types.MintOfferPage")[1]["items"] == []


def test_a_link_to_a_private_page_is_left_out(client, site):
    offer = make_offer(site["mint"], "Robotik")
    story = make_story(site["lighthouse"], "Mit Verweis")
    story.body = [
        {"type": "call_to_action", "value": {"link_label": "Hin", "page": offer.pk, "text": "", "url": ""}}
    ]
    story.save_revision().publish()
    PageViewRestriction.objects.create(page=offer, restriction_type=PageViewRestriction.LOGIN)
    status, body = get_json(client, f"/api/v2/pages/{story.pk}/")
    assert body["body"][0]["value"]["page"] is None


def private_collection() -> Collection:
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_images_and_documents_of_private_collections_are_invisible(editor_client, site):
    public_image, private_image = make_image("Öffentlich"), make_image("Intern")
    private_image.collection = private_collection()
    private_image.save()
    Document = get_document_model()
    public_doc = Document.objects.create(title="Satzung", file=ContentFile(b"x", name="satzung.txt"))
    private_doc = Document.objects.create(
        title="Intern", file=ContentFile(b"x", name="intern.txt"), collection=private_image.collection
    )
    assert ids(editor_client, "/api/v2/images/") == {public_image.pk}
    assert ids(editor_client, "/api/v2/documents/") == {public_doc.pk}
    assert get_json(editor_client, f"/api/v2/images/{private_image.pk}/")[0] == 404
    assert get_json(editor_client, f"/api/v2/documents/{private_doc.pk}/")[0] == 404

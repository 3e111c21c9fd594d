"""A page with a listing (or hero) image but no alternative text cannot be saved or published."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from page_types.models import InternalNewsPage
from tests.factories import make_image, make_news, make_story

MISSING_LISTING_ALT = "Bitte einen Alternativtext für das Vorschaubild angeben."


def test_full_clean_refuses_a_listing_image_without_alt_text(site):
    news = make_news(site["news"])
    news.listing_image = make_image()
    news.listing_image_alt = "   "
    with pytest.raises(ValidationError) as raised:
        news.full_clean()
    assert raised.value.message_dict["listing_image_alt"] == [MISSING_LISTING_ALT]
    with pytest.raises(ValidationError):
        news.save_revision()
    news.listing_image_alt = "Ein Diagramm der Gewerbesteuer"
    news.full_clean()


def test_full_clean_refuses_a_hero_image_without_alt_text(site):
    story = make_story(site["lighthouse"])
    story.hero_image = make_image()
    with pytest.raises(ValidationError) as raised:
        story.full_clean()
    assert "hero_image_alt" in raised.value.message_dict


@pytest.fixture
def editor(client, db):
    client.force_login(get_user_model().objects.create_superuser("redaktion", "r@example.org", "x"))
    return client


def edit_form_data(page: InternalNewsPage, **changes) -> dict:
    """What the admin's edit form of a news page posts when the editor presses "Veröffentlichen"."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "teaser": page.teaser,
        "listing_image": "",
        "listing_image_alt": "",
        "kind": page.kind,
        "reach": page.reach,
        "body": streamfield([]),
        "publish_date": page.publish_date.isoformat(),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


def test_the_admin_refuses_to_publish_a_listing_image_without_alt_text(editor, site):
    news = make_news(site["news"])
    image = make_image()
    url = f"/admin/pages/{news.pk}/edit/"

    response = editor.post(url, edit_form_data(news, listing_image=str(image.pk)))
    assert response.status_code == 200
    assert MISSING_LISTING_ALT in response.content.decode()
    news.refresh_from_db()
    assert news.listing_image_id is None

    response = editor.post(
        url, edit_form_data(news, listing_image=str(image.pk), listing_image_alt="Ein Diagramm")
    )
    assert response.status_code == 302
    news.refresh_from_db()
    assert news.listing_image_id == image.pk
    assert news.live_revision.as_object().listing_image_alt == "Ein Diagramm"

"""Headless preview: an editor opens a draft in the external front end, which reads it from the API with
the signed token of the preview link; without a valid token there is nothing to see."""

import html
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory, override_settings
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from page_types.models import MintOfferPage
from page_types.preview import HEADLESS_PREVIEW_MODE
from tests.factories import make_offer
from tests.page_types.api.conftest import content_error, get_json
from tests.processes import django_json, production_env

FRONT_END = {"CLIENT_URLS": {"default": "https://vorschau.example/preview"}, "ENFORCE_TRAILING_SLASH": False}
PREVIEW_API = "/api/v2/page_preview/"


def open_headless_preview(page) -> dict[str, str]:
    """What the admin does when an editor picks the front-end preview: the link the front end receives."""
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.create_superuser("redaktion", "r@example.org", "x")
    response = page.serve_preview(request, HEADLESS_PREVIEW_MODE)
    link = urlsplit(html.unescape(re.search(r'<iframe src="([^"]+)"', response.content.decode())[1]))
    assert f"{link.scheme}://{link.netloc}{link.path}" == FRONT_END["CLIENT_URLS"]["default"]
    return {name: values[0] for name, values in parse_qs(link.query).items()}


@pytest.fixture
def draft(site):
    offer = make_offer(site["mint"], "Robotik")
    offer.title = "Robotik (Entwurf)"
    offer.save_revision()
    return offer.get_latest_revision_as_object()


def test_the_front_end_preview_is_offered_only_when_configured(site):
    offer = make_offer(site["mint"])
    assert [mode for mode, _label in offer.preview_modes] == [""]
    with override_settings(WAGTAIL_HEADLESS_PREVIEW=FRONT_END):
        assert [mode for mode, _label in offer.preview_modes] == ["", HEADLESS_PREVIEW_MODE]
        assert offer.default_preview_mode == ""


@override_settings(WAGTAIL_HEADLESS_PREVIEW=FRONT_END)
def test_the_front_end_reads_the_draft_with_the_token_of_the_preview_link(client, draft):
    link = open_headless_preview(draft)
    assert link["content_type"] == "page_types.mintofferpage"
    response = client.get(PREVIEW_API, link)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert body["title"] == "Robotik (Entwurf)"
    assert body["id"] == draft.pk and body["subjects"][0]["slug"] == "informatik"
    assert len(body["occurrences"]) == 1
    assert get_json(client, f"/api/v2/pages/{draft.pk}/")[1]["title"] == "Robotik"


@override_settings(WAGTAIL_HEADLESS_PREVIEW=FRONT_END)
def test_without_a_valid_token_there_is_nothing_to_see(client, draft, monkeypatch):
    link = open_headless_preview(draft)
    tampered = {**link, "token": link["token"][:-1] + ("A" if link["token"][-1] != "A" else "B")}
    other_type = {**link, "content_type": "page_types.lighthousestorypage"}
    for query in (tampered, other_type, {**link, "content_type": "gibt.esnicht"}):
        assert get_json(
            client, f"{PREVIEW_API}?content_type={query['content_type']}&token={query['token']}"
        ) == (
            404,
            content_error(404, "Nicht gefunden."),
        )
    status, body = get_json(client, f"{PREVIEW_API}?content_type={link['content_type']}")
    assert (status, body["parameter"]) == (400, "token")

    two_days_later = time.time() + 2 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: two_days_later)
    assert client.get(PREVIEW_API, link).status_code == 404


def test_a_page_that_was_never_saved_can_be_previewed(client, site):
    new = MintOfferPage(title="Ganz neu", teaser="Noch nicht gespeichert", kind="workshop")
    token = HeadlessPreviewMixin.get_preview_signer().sign(f"parent_id={site['mint'].pk}")
    PagePreview.objects.create(
        token=token, content_type=ContentType.objects.get_for_model(MintOfferPage), content_json=new.to_json()
    )
    status, body = get_json(client, f"{PREVIEW_API}?content_type=page_types.mintofferpage&token={token}")
    assert status == 200
    assert (body["id"], body["title"], body["teaser"]) == (None, "Ganz neu", "Noch nicht gespeichert")


@pytest.mark.once
def test_front_end_urls_come_from_the_environment_and_may_be_framed_by_the_admin(tmp_path):
    env = production_env(
        tmp_path,
        HEADLESS_PREVIEW_URL="https://vorschau.example/preview",
        HEADLESS_PREVIEW_SITE_URLS="portal.example=https://portal-vorschau.example/seite",
    )
    result = django_json(
        "from django.conf import settings\n"
        "result = [settings.WAGTAIL_HEADLESS_PREVIEW['CLIENT_URLS'],"
        " settings.ADMIN_CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-src'],"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-src']]",
        env,
    )
    client_urls, admin_frames, site_frames = result
    assert client_urls == {
        "default": "https://vorschau.example/preview",
        "portal.example": "https://portal-vorschau.example/seite",
    }
    assert {"https://vorschau.example", "https://portal-vorschau.example"} <= set(admin_frames)
    assert "https://vorschau.example" not in site_frames


@override_settings(WAGTAIL_HEADLESS_PREVIEW=FRONT_END)
def test_the_preview_link_names_the_page_type_as_meta_type_does(client, draft):
    link = open_headless_preview(draft)
    assert link["content_type"] == "page_types.mintofferpage", "kept (deprecated) for front ends reading it"
    status, body = get_json(client, f"{PREVIEW_API}?type={link['type']}&token={link['token']}")
    assert status == 200
    assert link["type"] == body["meta"]["type"] == "page_types.MintOfferPage"
    status, body = get_json(client, f"{PREVIEW_API}?token={link['token']}")
    assert (status, body["errors"]) == (400, {"type": ["Dieses Feld muss ausgefüllt werden."]})

"""Documents are served only through Wagtail's document view, which checks collection privacy: their files
lie where no web server serves them (locally outside ``MEDIA_ROOT``; in the bucket outside the publicly
readable prefixes) and have no permanent public URL. The attack of the security review — fetching the
predictable ``/media/documents/<name>`` of a document in a login-restricted collection — finds nothing."""

import json
import re
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.views.static import serve
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.media import media_storage
from tests.cms.test_media_storage import bucket, s3_server  # noqa: F401
from tests.processes import ROOT

pytestmark = pytest.mark.django_db
SECRET = b"%PDF-1.4 Vertraulicher Haushaltsentwurf"


def restricted_document():
    """A document in a collection that only logged-in users may see."""
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Haushaltsentwurf", collection=collection)
    document.file.save("haushaltsentwurf.pdf", ContentFile(SECRET))
    return document


def view_answers(client, django_user_model, document) -> tuple[int, int, bytes]:
    """(anonymous status, logged-in status, logged-in body) of Wagtail's document view."""
    anonymous = client.get(document.url)
    client.force_login(django_user_model.objects.create_user("redaktion"))
    allowed = client.get(document.url)
    return anonymous.status_code, allowed.status_code, b"".join(allowed.streaming_content)


def test_local_documents_lie_outside_the_served_media_root(client, django_user_model):
    document = restricted_document()

    assert document.file.name.startswith("documents/")
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()
    assert Path(document.file.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    with pytest.raises(NotImplementedError):
        _url = document.file.url
    # What the development server and an nginx `location /media/` serve: nothing of the document.
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    request = RequestFactory().get(f"/media/{document.file.name}")
    with pytest.raises(Http404):
        serve(request, document.file.name, document_root=settings.MEDIA_ROOT)

    anonymous, allowed, body = view_answers(client, django_user_model, document)
    assert anonymous == 302  # to the login
    assert (allowed, body) == (200, SECRET)


def documented_bucket_policy() -> dict:
    text = (ROOT / "docs" / "OPERATIONS.md").read_text()
    block = re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1)
    return json.loads(block)


def test_the_documented_bucket_policy_publishes_no_document():
    resources = documented_bucket_policy()["Statement"][0]["Resource"]
    public = [resource.rpartition(":::leuchtturm-media/")[2].rstrip("*") for resource in resources]
    assert public and all(prefix and not "documents/".startswith(prefix) for prefix in public)


def test_bucket_documents_are_not_public_and_have_only_short_lived_urls(bucket, client, django_user_model):  # noqa: F811
    with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
        document = restricted_document()
        assert document.file.name in set(bucket.keys())

        with pytest.raises(HTTPError) as refused:
            urlopen(f"{bucket.endpoint}/{bucket.name}/{document.file.name}", timeout=10)
        assert refused.value.code == 403

        signed = urlsplit(document.file.url)
        assert parse_qs(signed.query)["X-Amz-Expires"] == ["60"]

        anonymous, allowed, body = view_answers(client, django_user_model, document)
        assert anonymous == 302
        assert (allowed, body) == (200, SECRET)

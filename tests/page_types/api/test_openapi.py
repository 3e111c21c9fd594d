"""The content API keeps to its OpenAPI description (test_openapi_document.py checks the document itself):
every documented parameter is accepted, every other one refused, and real responses match their schemas —
checked one by one over filled-in pages and by schemathesis."""

import pytest
import schemathesis
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from jsonschema import Draft202012Validator
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.documents import get_document_model
from wagtail.models import Page

from cms.wsgi import application
from page_types.api.openapi import page_models, type_name
from page_types.models import SettlementGuidePage
from tests.factories import make_contact_index, make_contact_point
from tests.fuzzing import bounded
from tests.page_types.api.conftest import get_json, operation

PAGES = "/api/v2/pages/"
EXAMPLES_PER_OPERATION = 15
# Values for parameters whose schema alone names no valid value.
KNOWN_VALUES = {
    "type": "page_types.MintOfferPage",
    "order": "-id",
    "search": "Robotik",
    "fields": "*",
    "rich_text_format": "html",
    "site": "localhost",
    "html_path": "/mint/",
    "registration_url": "https://example.org/anmeldung",
}


def response_validator(document: dict, path: str, status: str = "200") -> Draft202012Validator:
    """A validator of the body the document promises for ``path`` and ``status``."""
    response = operation(document, path)["responses"][status]
    if "$ref" in response:
        response = document["components"]["responses"][response["$ref"].rpartition("/")[2]]
    schema = next(iter(response["content"].values()))["schema"]
    return Draft202012Validator({**schema, "components": document["components"]})


def assert_valid(document: dict, path: str, body: dict, status: str = "200") -> None:
    errors = sorted(response_validator(document, path, status).iter_errors(body), key=str)
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message}" for error in errors[:5])


def valid_value(parameter: dict, page_type: str | None, page: Page) -> str:
    """A value the server must accept for a documented parameter, taken from its schema."""
    name, schema = parameter["name"], parameter["schema"]
    if "x-vocabulary" in parameter:
        return apps.get_model(parameter["x-vocabulary"]).objects.order_by("pk").first().slug
    if name in KNOWN_VALUES:
        return KNOWN_VALUES[name]
    choices = field_choices(page_type, name)
    if choices and "enum" in schema:  # a choice field of the page type: one of its own values
        return next(value for value in schema["enum"] if value in choices)
    if "enum" in schema:
        return schema["enum"][0]
    if "oneOf" in schema:
        return "root"
    if schema.get("type") == "boolean":
        return "true"
    if schema.get("type") == "integer":
        return str(page.pk) if name in ("id", "ancestor_of") else str(max(schema.get("minimum", 1), 1))
    if schema.get("format") == "date":
        return "2024-12-31"
    if schema.get("format") in ("email", "uri"):
        return {"email": "info@example.org", "uri": "https://example.org/"}[schema["format"]]
    return "x"


def field_choices(page_type: str | None, name: str) -> dict:
    try:
        return dict(apps.get_model(page_type)._meta.get_field(name).flatchoices) if page_type else {}
    except FieldDoesNotExist:
        return {}


def documented_operations(document: dict) -> list[tuple[str, dict]]:
    return [(path, operation(document, path)) for path in document["paths"] if path.startswith("/api/v2/")]


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"])
def test_every_documented_listing_parameter_is_accepted(client, content, document, path):
    page = content["offer"]
    for parameter in operation(document, path)["parameters"]:
        page_types = parameter.get("x-page-types", [])
        page_type = next((t for t in page_types if t not in ("page_types.ContentPage",)), None)
        query = {parameter["name"]: valid_value(parameter, page_type, page)}
        if page_type and parameter["name"] != "type":
            query["type"] = page_type
        response = client.get(path, query)
        assert response.status_code == 200, (query, response.content[:300])


@pytest.mark.parametrize("name", ["pages", "images", "documents"])
def test_every_documented_detail_and_find_parameter_is_accepted(client, content, document, name):
    objects = {"pages": content["offer"], "images": content["image"], "documents": a_document()}
    target = objects[name]
    for path, expected in ((f"/api/v2/{name}/{{id}}/", 200), (f"/api/v2/{name}/find/", 302)):
        for parameter in operation(document, path)["parameters"]:
            if parameter["in"] == "path":
                continue
            query = {parameter["name"]: valid_value(parameter, None, target)}
            if name != "pages" and parameter["name"] in ("id",):
                query["id"] = str(target.pk)
            if path.endswith("find/") and parameter["name"] != "id" and parameter["name"] != "html_path":
                query["id"] = str(target.pk)
            response = client.get(path.replace("{id}", str(target.pk)), query)
            assert response.status_code == expected, (path, query, response.content[:300])


def a_document():
    model = get_document_model()
    return model.objects.first() or model.objects.create(
        title="Satzung", file=ContentFile(b"x", name="s.txt")
    )


def candidate_names() -> set[str]:
    """Names a client might try: every field of every model the API shows, and some common ones."""
    models = [*page_models(), apps.get_model("wagtailimages.Image"), get_document_model()]
    names = {field.name for model in models for field in model._meta.get_fields()}
    return names | {"page", "per_page", "q", "sort", "callback", "lang", "color", "fields[]", "Type"}


def test_every_undocumented_parameter_is_refused(client, content, document):
    page = content["offer"]
    paths = {
        "/api/v2/pages/": PAGES,
        "/api/v2/pages/{id}/": f"{PAGES}{page.pk}/",
        "/api/v2/images/": "/api/v2/images/",
        "/api/v2/documents/": "/api/v2/documents/",
    }
    for documented_path, url in paths.items():
        documented = {parameter["name"] for parameter in operation(document, documented_path)["parameters"]}
        for name in sorted(candidate_names() - documented):
            status, body = get_json(client, f"{url}?{name}=1")
            assert (status, body.get("parameter")) == (400, name), (documented_path, name, body)


def test_real_responses_match_their_schemas(client, content, document):
    contacts = make_contact_index(content["home"])
    make_contact_point(contacts, languages=("de", "uk"))
    make_contact_point(contacts, "Hotline", municipalities=())
    content["home"].add_child(instance=SettlementGuidePage(title="Wegweiser", slug="wegweiser"))
    get_json(client, "/api/v2/")
    assert_valid(document, "/api/v2/", get_json(client, "/api/v2/")[1])
    queries = [f"type={type_name(model)}&fields=*" for model in page_models() if model is not Page]
    queries += ["fields=*", "", "type=page_types.LighthouseStoryPage,page_types.InternalNewsPage&fields=*"]
    for query in queries:
        status, body = get_json(client, f"{PAGES}?{query}")
        assert status == 200 and body["items"] or "ContentPage" in query, query
        assert_valid(document, PAGES, body)
    for page in Page.objects.live().exclude(depth=1):
        status, body = get_json(client, f"{PAGES}{page.pk}/")
        assert status == 200
        assert_valid(document, "/api/v2/pages/{id}/", body)
    a_document()
    for name, pk in (("images", content["image"].pk), ("documents", a_document().pk)):
        assert_valid(document, f"/api/v2/{name}/", get_json(client, f"/api/v2/{name}/?fields=*")[1])
        assert_valid(document, f"/api/v2/{name}/{{id}}/", get_json(client, f"/api/v2/{name}/{pk}/")[1])


def test_error_bodies_match_the_described_error(client, content, document):
    status, body = get_json(client, f"{PAGES}?farbe=blau")
    assert status == 400
    assert_valid(document, PAGES, body, "400")
    status, body = get_json(client, f"{PAGES}999999/")
    assert status == 404
    assert_valid(document, "/api/v2/pages/{id}/", body, "404")


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(path_regex="^/api/v2/")


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@bounded(EXAMPLES_PER_OPERATION)
def test_generated_requests_get_answers_as_documented(case, content, connections_kept_open):
    case.call_and_validate(
        # requests offers br and zstd once their packages are installed, but werkzeug's test client would hand
        # the checks the compressed body (tests/cms/test_compression.py checks the encodings).
        headers={"Accept-Encoding": "identity"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )

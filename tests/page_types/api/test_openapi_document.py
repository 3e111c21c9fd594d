"""The content API's OpenAPI document at /api/openapi.json: valid OpenAPI 3.1 describing both APIs, every
page type's fields, which filters belong to which page type, one place for the errors, and a docs page
without a CDN."""

from openapi_spec_validator import validate

from page_types.api.openapi import page_models, type_name
from tests.page_types.api.conftest import operation

PAGES = "/api/v2/pages/"


def test_one_valid_openapi_3_1_document_describes_both_apis(document):
    validate(document)
    assert document["openapi"].startswith("3.1")
    assert {
        "/api/v2/",
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/pages/find/",
        "/api/v2/page_preview/",
        "/api/v2/images/",
        "/api/v2/images/{id}/",
        "/api/v2/images/find/",
        "/api/v2/documents/",
        "/api/v2/documents/{id}/",
        "/api/v2/documents/find/",
        "/api/health/",
        "/api/v1/subscriptions",
        "/api/v1/subscriptions/options",
    } <= set(document["paths"])


def test_every_page_type_has_its_fields_described(document):
    schemas = document["components"]["schemas"]
    for model in page_models():
        assert type_name(model) in schemas
    offer = schemas["page_types.MintOfferPage"]["properties"]
    assert offer["occurrences"] == {"type": "array", "items": {"$ref": "#/components/schemas/Occurrence"}}
    assert offer["kind"]["anyOf"][0]["properties"]["slug"]["enum"][0] == "workshop"
    assert {block["properties"]["type"]["const"] for block in offer["body"]["items"]["oneOf"]} == {
        "heading",
        "paragraph",
        "quote",
        "key_figures",
        "image",
        "gallery",
        "embed",
        "call_to_action",
    }
    assert schemas["page_types.InnovationHistoryPage"]["properties"]["eras"] == {
        "type": "array",
        "items": {"type": "object", "additionalProperties": {"type": "string"}},
    }


def test_filters_of_one_page_type_say_so(document):
    parameters = {parameter["name"]: parameter for parameter in operation(document, PAGES)["parameters"]}
    assert parameters["subject"]["x-page-types"] == ["page_types.MintOfferPage"]
    assert set(parameters["kind"]["x-page-types"]) == {
        "page_types.MintOfferPage",
        "page_types.InternalNewsPage",
    }
    assert "x-page-types" not in parameters["limit"] and "x-page-types" not in parameters["slug"]
    assert parameters["topic"]["description"] == "Mit einem dieser Themen oder einem ihrer Unterthemen."


def test_errors_are_described_in_one_place(document):
    for path in ("/api/v2/pages/", "/api/v2/images/{id}/"):
        responses = operation(document, path)["responses"]
        assert responses["400"] == {"$ref": "#/components/responses/ContentBadRequest"}
        assert responses["404"] == {"$ref": "#/components/responses/ContentNotFound"}


def test_the_docs_page_shows_the_document_without_a_cdn(client, db):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/api/openapi.json" in html and "cdn" not in html.lower()


def test_the_event_aware_field_and_parameters_are_described(document):
    offer = document["components"]["schemas"]["page_types.MintOfferPage"]["properties"]
    occurrence = {"$ref": "#/components/schemas/Occurrence"}
    assert offer["next_occurrence"] == {"anyOf": [occurrence, {"type": "null"}]}
    for path in (PAGES, f"{PAGES}{{id}}/"):
        parameters = {parameter["name"]: parameter for parameter in operation(document, path)["parameters"]}
        assert parameters["occurrences"]["schema"]["enum"] == ["all", "upcoming"], path
    parameters = {parameter["name"]: parameter for parameter in operation(document, PAGES)["parameters"]}
    assert "`next_occurrence`" in parameters["order"]["description"]

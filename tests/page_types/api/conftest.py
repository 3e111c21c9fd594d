"""Helpers of the content API's tests; the site and the filled pages come from the package's conftest."""

import json

import pytest


def get_json(client, url: str, **headers) -> tuple[int, dict]:
    """Status and decoded JSON body of a GET request: JSON, or problem details for an error (RFC 9457)."""
    response = client.get(url, headers=headers)
    media_type = "application/problem+json" if response.status_code >= 400 else "application/json"
    assert response["Content-Type"].startswith(media_type), response.content[:200]
    return response.status_code, json.loads(response.content)


def content_error(status: int, message: str, parameter: str | None = None) -> dict:
    """The whole body of a content API error: problem details, with the deprecated ``message`` and
    ``parameter`` of the first error shape kept beside them."""
    titles = {400: "Ungültige Anfrage", 404: "Nicht gefunden"}
    body = {
        "type": "about:blank",
        "title": titles[status],
        "status": status,
        "detail": message,
        "message": message,
    }
    if parameter:
        body.update(errors={parameter: [message]}, parameter=parameter)
    return body


@pytest.fixture
def document(client, db) -> dict:
    """The OpenAPI document the site serves."""
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def operation(document: dict, path: str) -> dict:
    return document["paths"][path]["get"]

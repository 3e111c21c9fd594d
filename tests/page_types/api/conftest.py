"""Helpers of the content API's tests; the site and the filled pages come from the package's conftest."""

import json


def get_json(client, url: str, **headers) -> tuple[int, dict]:
    """Status and decoded JSON body of a GET request."""
    response = client.get(url, headers=headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.status_code, json.loads(response.content)

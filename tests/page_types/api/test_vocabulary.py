"""The vocabulary endpoints: every kind of term in one shape ``{slug, name, …}``, municipalities with their
centre and "near" with distances, interests with the topics they gather, topics with the interests they
belong to; errors as problem details; answers that revalidate and change with the vocabulary."""

import pytest
from django.conf import settings

from page_types.models import Language, Municipality
from tests.page_types.api.conftest import content_error, get_json
from tests.page_types.api.test_openapi import assert_valid

pytestmark = pytest.mark.django_db
VOCABULARY = "/api/v2/vocabulary/"
KINDS = ["municipalities", "interests", "topics", "subjects", "grade_bands", "languages"]


def items(client, kind: str, **query) -> list[dict]:
    status, body = get_json(client, f"{VOCABULARY}{kind}/?{'&'.join(f'{k}={v}' for k, v in query.items())}")
    assert status == 200, body
    assert body["meta"]["total_count"] == len(body["items"])
    return body["items"]


def test_the_api_index_leads_to_every_kind(client):
    status, index = get_json(client, "/api/v2/")
    # Absolute, on the API's base URL (WAGTAILAPI_BASE_URL), as every link of the content API.
    assert status == 200 and index["vocabulary"] == f"{settings.WAGTAILAPI_BASE_URL}{VOCABULARY}"
    status, kinds = get_json(client, index["vocabulary"])
    assert list(kinds) == KINDS
    assert kinds["grade_bands"] == f"{settings.WAGTAILAPI_BASE_URL}{VOCABULARY}grade_bands/"


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_one_shape_and_keeps_to_its_description(client, document, kind):
    terms = items(client, kind)
    assert terms and all(term["slug"] and term["name"] for term in terms)
    assert_valid(document, f"{VOCABULARY}{kind}/", {"meta": {"total_count": len(terms)}, "items": terms})


def test_municipalities_in_german_order_with_their_centres(client):
    towns = items(client, "municipalities")
    assert len(towns) == 39
    names = [town["name"] for town in towns]
    assert names.index("Löchgau") < names.index("Ludwigsburg")
    asperg = next(town for town in towns if town["slug"] == "asperg")
    assert 48.8 < asperg["coordinates"]["latitude"] < 49.0 and 9.0 < asperg["coordinates"]["longitude"] < 9.3


def test_near_lists_the_municipalities_around_one_nearest_first(client):
    around = items(client, "municipalities", near="asperg", radius=5)
    distances = [town["distance_km"] for town in around]
    assert around and distances == sorted(distances) and max(distances) <= 5
    assert "asperg" not in {town["slug"] for town in around}
    wider = items(client, "municipalities", near="asperg")  # the widest radius the site offers
    assert len(wider) > len(around) and max(town["distance_km"] for town in wider) <= 25


def test_interests_name_their_topics_and_topics_their_interests(client):
    interests = {interest["slug"]: interest for interest in items(client, "interests")}
    assert "fachkraeftegewinnung" in interests["ausbildung-beruf"]["topics"]
    assert interests["ausbildung-beruf"]["description"]
    topics = {topic["slug"]: topic for topic in items(client, "topics")}
    assert topics["fachkraeftegewinnung"] == {
        "slug": "fachkraeftegewinnung",
        "name": "Fachkräftegewinnung",
        "parent": "mensch",
        "interests": ["ausbildung-beruf"],
    }
    assert topics["innenkommunikation"]["interests"] == []  # internal: no reader sees it


@pytest.mark.parametrize(
    ("url", "status", "message", "parameter"),
    [
        (f"{VOCABULARY}municipalities/?near=atlantis", 400, "Diese Kommune gibt es nicht.", "near"),
        (
            f"{VOCABULARY}municipalities/?near=asperg&radius=7",
            400,
            "Bitte eine gültige Auswahl treffen. 7 ist keine gültige Auswahl.",
            "radius",
        ),
        (f"{VOCABULARY}municipalities/?radius=5", 400, "Ein Umkreis braucht eine Kommune (near).", "radius"),
        (f"{VOCABULARY}topics/?near=asperg", 400, "Unbekannter Parameter: near.", "near"),
        (
            f"{VOCABULARY}subjects/?locale=xx",
            400,
            "Bitte eine gültige Auswahl treffen. xx ist keine gültige Auswahl.",
            "locale",
        ),
        (f"{VOCABULARY}planets/", 404, None, None),
    ],
)
def test_bad_requests_are_problems_that_name_the_parameter(client, url, status, message, parameter):
    answer_status, body = get_json(client, url)
    assert answer_status == status
    if message:
        assert body == content_error(status, message, parameter)


def test_answers_revalidate_and_change_with_the_vocabulary(client):
    url = f"{VOCABULARY}municipalities/"
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    Municipality.objects.filter(slug="asperg").update(name="Asperg (Hohenasperg)")
    Municipality.objects.get(slug="asperg").save()  # a save, as the admin makes it
    second = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert "Asperg (Hohenasperg)" in second.content.decode()


def test_a_renamed_language_changes_the_answer(client):
    url = f"{VOCABULARY}languages/"
    first = client.get(url)
    language = Language.objects.get(slug="uk")
    language.name = "Українська мова"
    language.save()
    second = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert {"slug": "uk", "name": "Українська мова"} in second.json()["items"]


def test_names_come_in_the_language_asked_for_where_an_editor_translated_them(client):
    german = {term["slug"]: term["name"] for term in items(client, "subjects")}
    english = {term["slug"]: term["name"] for term in items(client, "subjects", locale="en")}
    assert german["mathematik"] == "Mathematik" and english["mathematik"] == "Mathematics"
    interests = {term["slug"]: term["name"] for term in items(client, "interests", locale="en")}
    assert interests["ausbildung-beruf"] == "Training & jobs"
    # A term nobody translated keeps its German name; municipalities keep theirs in every language.
    topics = {term["name"] for term in items(client, "topics", locale="en")}
    assert {"Verwaltung als Impulsgeber", "Recognition of qualifications"} <= topics
    towns = items(client, "municipalities", locale="en")
    assert {"slug": "asperg", "name": "Asperg"}.items() <= next(
        t for t in towns if t["slug"] == "asperg"
    ).items()

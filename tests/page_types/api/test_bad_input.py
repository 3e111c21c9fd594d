"""Bad input to the content API is a JSON 400 naming the parameter, an unknown id a JSON 404 — never a 500.

Every value is validated before it reaches the database, so malformed dates, unknown slugs, overflowing
ids and over-large limits cannot turn into database errors or slow queries.
"""

import re
import string

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_offer
from tests.page_types.api.conftest import content_error, get_json

MALFORMED = [
    ("colour=blau", "colour"),
    ("topic=gibt-es-nicht", "topic"),
    ("topic=mensch,gibt-es-nicht", "topic"),
    ("topic=" + ",".join(f"t{n}" for n in range(51)), "topic"),
    ("municipality=atlantis", "municipality"),
    ("subject=latein", "subject"),
    ("grade_band=klasse-14", "grade_band"),
    ("upcoming=yes", "upcoming"),
    ("published_after=2024-13-01", "published_after"),
    ("published_before=gestern", "published_before"),
    ("era=steinzeit", "era"),
    ("type=page_types.Nope", "type"),
    ("type=page_types.Topic", "type"),
    ("type=unsinn", "type"),
    ("child_of=abc", "child_of"),
    ("child_of=999999", "child_of"),
    ("child_of=99999999999999999999999999", "child_of"),
    ("descendant_of=-1", "descendant_of"),
    ("ancestor_of=root", "ancestor_of"),
    ("limit=51", "limit"),
    ("limit=-1", "limit"),
    ("limit=viele", "limit"),
    ("offset=99999999999999999999", "offset"),
    ("order=body", "order"),
    ("order=random", "order"),
    ("order=topics", "order"),
    ("fields=gibt_es_nicht", "fields"),
    ("fields=title(", "fields"),
    ("fields=title(id)", "fields"),
    ("search_operator=xor", "search_operator"),
    ("search=" + "a" * 201, "search"),
    ("rich_text_format=pdf", "rich_text_format"),
    ("site=nirgendwo.example", "site"),
    ("site=localhost:abc", "site"),
    ("site=local%00host", "site"),
    ("subject=informatik&type=page_types.LighthouseStoryPage", "subject"),
    ("subject=informatik&era=seit-1990", "era"),
    ("type=page_types.MintOfferPage&kind=zauberei", "kind"),
    ("type=page_types.MintOfferPage&ongoing=vielleicht", "ongoing"),
    ("type=page_types.InnovationMilestonePage&year=früher", "year"),
    ("type=page_types.MintOfferPage&publish_date=1.1.", "publish_date"),
    ("themen=mensch", "themen"),
    ("search=a&order=location&type=page_types.MintOfferPage", "order"),
    ("topic=%00", "topic"),
    ("id=1%00", "id"),
]


@pytest.mark.parametrize(("query", "parameter"), MALFORMED)
def test_a_malformed_parameter_is_a_400_naming_it(client, site, query, parameter):
    status, body = get_json(client, f"/api/v2/pages/?{query}")
    assert status == 400, body
    assert body["parameter"] == parameter
    assert body["message"]


def test_messages_are_german_and_list_every_unknown_parameter(client, site):
    status, body = get_json(client, "/api/v2/pages/?farbe=rot&colour=blau")
    assert body == content_error(400, "Unbekannter Parameter: colour, farbe.", "colour")
    status, body = get_json(client, "/api/v2/pages/?topic=mensch,gibt-es-nicht")
    assert body["message"] == "Unbekannt: gibt-es-nicht."
    status, body = get_json(client, "/api/v2/pages/?limit=51")
    assert body["message"] == "Dieser Wert muss kleiner oder gleich 50 sein."


NESTED = (
    "„%s(…)“: Unterfelder lassen sich nicht auswählen, jedes Feld kommt ganz; möglich sind Feldnamen wie "
    "„teaser,topics“, „*,-body“ oder „_,id,title“"
)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v2/pages/?fields=nonsense", "unbekanntes Feld: nonsense"),
        ("/api/v2/pages/{home}/?fields=nonsense", "unbekanntes Feld: nonsense"),
        ("/api/v2/pages/?fields=title,nonsense,quatsch", "unbekannte Felder: nonsense, quatsch"),
        ("/api/v2/pages/?type=page_types.MintOfferPage&fields=topics(quatsch)", NESTED % "topics"),
        ("/api/v2/pages/?fields=title(id)", NESTED % "title"),
        ("/api/v2/pages/{home}/?fields=title(id)", NESTED % "title"),
        ("/api/v2/pages/?fields=title(", "unerwartetes Ende (fehlt eine schließende Klammer?)"),
        ("/api/v2/pages/?fields=title)", "unerwartetes Zeichen „)“ an Position 5"),
        ("/api/v2/pages/?fields=title%20id", "unerwarteter Leerraum an Position 5"),
        ("/api/v2/pages/?fields=title,*", "„*“ muss am Anfang stehen"),
        ("/api/v2/pages/?fields=-*", "„*“ lässt sich nicht ausschließen"),
        (
            "/api/v2/pages/?fields=*,title",
            "nach „*“ lassen sich Felder nur ausschließen",
        ),
        ("/api/v2/pages/?fields=_,-title", "nach „_“ lassen sich keine Felder ausschließen, nur hinzufügen"),
        ("/api/v2/images/?fields=nonsense", "unbekanntes Feld: nonsense"),
    ],
)
def test_a_bad_field_selection_is_explained_in_german_with_the_field_names(client, site, url, message):
    """Wagtail explains a bad ``fields`` in English; the answer says the same in German."""
    status, body = get_json(client, url.format(home=site["home"].pk))
    assert (status, body) == (400, content_error(400, f"Ungültige Feldauswahl: {message}.", "fields"))
    assert not re.search(r"unknown|unexpected|\bfields?\b|nested|support", body["message"], re.IGNORECASE)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/999999/",
        "/api/v2/pages/99999999999999999999999/",
        "/api/v2/pages/abc/",
        "/api/v2/images/999999/",
        "/api/v2/documents/999999/",
        "/api/v2/nothing/",
        "/api/v2/pages/find/?html_path=/gibt/es/nicht/",
        "/api/v2/pages/find/?id=999999",
    ],
)
def test_an_unknown_object_is_a_json_404(client, site, url):
    status, body = get_json(client, url)
    assert (status, body) == (404, content_error(404, "Nicht gefunden."))


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v2/pages/{home}/?child_of=1", "child_of"),
        ("/api/v2/pages/{home}/?fields=nichts", "fields"),
        ("/api/v2/pages/find/?id=abc", "id"),
        ("/api/v2/pages/find/?id=", "id"),
        ("/api/v2/images/find/?id=", "id"),
        ("/api/v2/images/?order=farbe", "order"),
        ("/api/v2/images/?width=breit", "width"),
        ("/api/v2/documents/?topic=mensch", "topic"),
    ],
)
def test_details_finds_images_and_documents_validate_their_parameters(client, site, url, parameter):
    status, body = get_json(client, url.format(home=site["home"].pk))
    assert (status, body["parameter"]) == (400, parameter)


def test_other_methods_are_refused_in_json(client, site):
    response = client.post("/api/v2/pages/", {})
    assert response.status_code == 405
    assert response.json()["detail"]


@override_settings(WAGTAILAPI_LIMIT_MAX=50)
def test_the_largest_allowed_limit_works(client, site):
    make_offer(site["mint"])
    status, body = get_json(client, "/api/v2/pages/?limit=50")
    assert status == 200 and body["meta"]["total_count"] == 6


PARAMETER_NAMES = [name for name, _ in (item[0].split("=", 1) for item in MALFORMED)] + [
    "limit",
    "offset",
    "fields",
    "order",
    "search",
    "type",
    "upcoming",
]
VALUES = st.one_of(
    st.sampled_from(["", "0", "1", "-1", "true", "root", "*", "mensch", "page_types.MintOfferPage", "title"]),
    st.text(alphabet=string.printable + "äöü€\x00", max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(PARAMETER_NAMES), VALUES, max_size=4))
def test_no_combination_of_parameters_is_a_server_error(client, site, query):
    response = client.get("/api/v2/pages/", query)
    assert response.status_code in (200, 400), response.content[:300]
    assert response.json()

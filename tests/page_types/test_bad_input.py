"""Unknown or malformed filter values on index pages get a 400 and a German message, never a 500."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_milestone, make_offer
from tests.page_types.markup import assert_accessible_structure, soup, text_of

UNKNOWN_VALUE = "Diesen Wert gibt es nicht. Bitte wählen Sie aus der Liste."
UNKNOWN_ERA = "Diese Epoche gibt es nicht. Bitte wählen Sie aus der Liste."
UNKNOWN_PAGE = "Diese Seite der Ergebnisliste gibt es nicht."
PARAMETERS = ["interest", "municipality", "subject", "grade_band", "past", "era", "seite"]


@pytest.mark.parametrize(
    ("key", "query", "label"),
    [
        ("lighthouse", {"interest": "gibt-es-nicht"}, "Thema"),
        ("news", {"municipality": "stuttgart"}, "Kommune"),
        ("mint", {"subject": "latein"}, "Fach"),
        ("mint", {"grade_band": "klasse-99"}, "Zielgruppe"),
    ],
)
def test_unknown_term_is_a_400_with_a_german_message_at_the_field(client, site, key, query, label):
    response = client.get(site[key].url, query)
    assert response.status_code == 400
    document = soup(response)
    assert_accessible_structure(document)
    summary = document.find(class_="error-summary")
    assert summary["role"] == "alert"
    assert f"{label}: {UNKNOWN_VALUE}" in " ".join(summary.get_text(" ").split())
    field = document.find(id=f"id_{next(iter(query))}")
    assert field["aria-invalid"] == "true"
    assert document.find(id=field["aria-describedby"]).get_text(strip=True) == UNKNOWN_VALUE
    assert document.title.get_text().startswith("Fehler: ")


def test_unknown_era_is_a_400(client, site):
    make_milestone(site["history"])
    response = client.get(site["history"].url, {"era": "steinzeit"})
    assert response.status_code == 400
    assert UNKNOWN_ERA in text_of(response)


@pytest.mark.parametrize("seite", ["0", "-1", "abc", "2", "1.5", "9" * 5000])
def test_page_number_out_of_range_or_malformed_is_a_404(client, site, seite):
    make_offer(site["mint"])
    response = client.get(site["mint"].url, {"seite": seite})
    assert response.status_code == 404
    assert UNKNOWN_PAGE in text_of(response)
    assert soup(response).find("a", string="Zur ersten Seite")


def test_valid_filters_are_a_200(client, site):
    response = client.get(site["mint"].url, {"subject": "technik", "seite": "1", "past": "on"})
    assert response.status_code == 200
    assert not soup(response).find(class_="error-summary")


query_values = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(
        ["mensch", "tamm", "technik", "klasse-5-7", "seit-1990", "1", "2", "on", "", "%00", "\x00"]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.sampled_from(["lighthouse", "mint", "history", "news"]),
    pairs=st.lists(st.tuples(st.sampled_from(PARAMETERS), query_values), max_size=5),
)
def test_random_query_strings_never_cause_a_server_error(client, site, key, pairs):
    response = client.get(f"{site[key].url}?{urlencode(pairs)}")
    assert response.status_code in (200, 400, 404)
    if response.status_code == 400:
        # Every rejected value is named in German in the error summary ("Diesen Wert gibt es nicht",
        # "Nullzeichen sind nicht erlaubt", ...), with a link to its field.
        summary = soup(response).find(class_="error-summary")
        assert summary is not None and summary.find("a", href=True)
    if response.status_code == 404:
        assert UNKNOWN_PAGE in text_of(response)

"""Contact points (Anlaufstellen): the page and its coordinates, the languages named in themselves on the
page, the index's and the content API's ``language``, ``topic`` and ``municipality`` filters with their
errors, and the channel rule that selects them like every family."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from campaigns.models import Channel
from campaigns.models.channels import content_page_types
from campaigns.selection import select_content
from page_types import geography
from page_types.models import ContactPointPage, ContentPage, Language, Topic
from tests.factories import make_contact_index, make_contact_point, make_news
from tests.page_types.api.conftest import get_json
from tests.page_types.markup import assert_accessible_structure, soup, text_of


@pytest.fixture
def contacts(site) -> dict:
    """Three contact points: Ludwigsburg (German, English, Arabic; work), Asperg (Turkish, Ukrainian;
    housing, family) and one for the whole district (German; recognition of qualifications)."""
    index = make_contact_index(site["home"])
    return {
        **site,
        "index": index,
        "welcome": make_contact_point(
            index, "Welcome Center", languages=("de", "en", "ar"), topics=["arbeit"]
        ),
        "asperg": make_contact_point(
            index,
            "Welcome Point Asperg",
            languages=("tr", "uk"),
            municipalities=("asperg",),
            topics=["wohnen", "familie"],
        ),
        "hotline": make_contact_point(
            index,
            "Anerkennungs-Hotline",
            languages=("de",),
            municipalities=(),
            topics=["anerkennung-von-abschluessen"],
        ),
    }


def titles(client, query: str) -> list[str]:
    status, body = get_json(client, f"/api/v2/pages/?{query}")
    assert status == 200, body
    return [item["title"] for item in body["items"]]


def test_coordinates_come_from_the_address_or_else_from_the_municipality_centre(contacts):
    asperg = contacts["asperg"]
    assert (asperg.coordinates.latitude, asperg.coordinates.longitude) == geography.centres()["asperg"]
    assert asperg.coordinates.source == "municipality"
    asperg.latitude, asperg.longitude = 48.9, 9.14
    assert (asperg.coordinates.latitude, asperg.coordinates.source) == (48.9, "address")
    assert contacts["hotline"].coordinates is None


def test_latitude_without_longitude_is_refused(contacts):
    page = contacts["welcome"]
    page.latitude = 48.9
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "longitude" in error.value.message_dict


def test_distance_is_zero_in_the_same_municipality_and_unknown_without_one(contacts):
    assert contacts["asperg"].distance_km("asperg") == 0
    assert contacts["welcome"].distance_km("asperg") == pytest.approx(
        geography.distance_km("ludwigsburg", "asperg")
    )
    assert contacts["hotline"].distance_km("asperg") is None


def test_the_page_names_each_language_in_itself_with_its_lang_attribute(client, contacts):
    response = client.get(contacts["welcome"].url)
    assert response.status_code == 200
    document = soup(response)
    assert_accessible_structure(document)
    spans = {span["lang"]: span.get_text() for span in document.select("dd span[lang]")}
    assert spans == {"de": "Deutsch", "en": "English", "ar": "العربية"}
    text = text_of(response)
    for fact in ("Hindenburgstraße 40, 71638 Ludwigsburg", "Mo–Do 9–12 Uhr", "07141 000-1000"):
        assert fact in text
    assert document.select_one('a[href="mailto:info@anlaufstelle.example.org"]')


def test_the_index_filters_by_language_topic_and_municipality(client, contacts):
    def cards(**query) -> list[str]:
        response = client.get(contacts["index"].url, query)
        assert response.status_code == 200
        assert_accessible_structure(soup(response))
        return [
            card.find(["h2", "h3"]).get_text(strip=True) for card in soup(response).select("article.card")
        ]

    assert cards() == ["Anerkennungs-Hotline", "Welcome Center", "Welcome Point Asperg"]
    assert cards(language="uk") == ["Welcome Point Asperg"]
    assert cards(topic="arbeit") == ["Welcome Center"]
    assert cards(topic="wohnen") == ["Welcome Point Asperg"]
    # What contact points help with is offered; the editorial topics they do not carry are not.
    document = soup(client.get(contacts["index"].url))
    select = document.find("select", attrs={"name": "topic"})
    helps = [option["value"] for option in select.find_all("option")]
    assert sorted(helps) == ["", "anerkennung-von-abschluessen", "arbeit", "familie", "wohnen"]
    assert client.get(contacts["index"].url, {"topic": "innenkommunikation"}).status_code == 400
    # A contact point without a municipality serves the whole district.
    assert cards(municipality="asperg") == ["Anerkennungs-Hotline", "Welcome Point Asperg"]


def test_the_index_answers_an_unknown_language_with_a_german_message(client, contacts):
    response = client.get(contacts["index"].url, {"language": "xx"})
    assert response.status_code == 400
    assert "Diesen Wert gibt es nicht" in text_of(response)


def test_api_filters_by_language_topic_and_municipality(client, contacts):
    assert titles(client, "type=page_types.ContactPointPage") == [
        "Anerkennungs-Hotline",
        "Welcome Center",
        "Welcome Point Asperg",
    ]
    # ``language`` implies the contact points, as ``subject`` implies the MINT offers.
    assert titles(client, "language=tr") == ["Welcome Point Asperg"]
    assert titles(client, "language=ar,uk") == ["Welcome Center", "Welcome Point Asperg"]
    assert titles(client, "languages=de") == ["Anerkennungs-Hotline", "Welcome Center"]
    assert titles(client, "type=page_types.ContactPointPage&topic=arbeit") == ["Welcome Center"]
    assert titles(client, "type=page_types.ContactPointPage&municipality=asperg") == [
        "Anerkennungs-Hotline",
        "Welcome Point Asperg",
    ]
    assert titles(client, "language=de&topic=anerkennung-von-abschluessen") == ["Anerkennungs-Hotline"]


def test_the_language_filter_narrows_only_contact_points_among_several_families(client, contacts):
    make_news(contacts["news"], "Neues im Landkreis")
    found = ContentPage.objects.live().matching(languages=Language.objects.filter(slug="tr"))
    assert sorted(page.title for page in found) == ["Neues im Landkreis", "Welcome Point Asperg"]


@pytest.mark.parametrize(
    ("query", "parameter", "detail"),
    [
        ("language=xx", "language", "Unbekannt: xx."),
        ("language=<script>", "language", "Unbekannt: <script>."),
        ("type=page_types.MintOfferPage&language=de", "language", None),
        ("type=page_types.ContactPointPage&topic=gibtesnicht", "topic", "Unbekannt: gibtesnicht."),
        ("type=page_types.ContactPointPage&municipality=stuttgart", "municipality", "Unbekannt: stuttgart."),
        ("language=de&languages=en", "languages", None),
    ],
)
def test_bad_filter_values_are_problem_details_naming_the_parameter(
    client, contacts, query, parameter, detail
):
    status, body = get_json(client, f"/api/v2/pages/?{query}")
    assert status == 400
    assert body["parameter"] == parameter
    if detail:
        assert body["detail"] == detail


def test_the_api_detail_has_languages_contact_and_coordinates(client, contacts):
    status, body = get_json(client, f"/api/v2/pages/{contacts['asperg'].pk}/")
    assert status == 200
    assert body["meta"]["type"] == "page_types.ContactPointPage"
    assert [language["slug"] for language in body["languages"]] == ["tr", "uk"]
    assert [language["name"] for language in body["languages"]] == ["Türkçe", "Українська"]
    latitude, longitude = geography.centres()["asperg"]
    assert body["coordinates"] == {"latitude": latitude, "longitude": longitude, "source": "municipality"}
    assert (body["opening_hours"], body["phone"]) == ("Mo–Do 9–12 Uhr", "07141 000-1000")
    assert body["street_address"] == "Hindenburgstraße 40, 71638 Ludwigsburg"
    status, body = get_json(client, f"/api/v2/pages/{contacts['hotline'].pk}/")
    assert body["coordinates"] is None


def test_the_channel_rule_offers_and_selects_contact_points_like_every_family(contacts):
    content_type = ContentType.objects.get_for_model(ContactPointPage)
    assert ContentType.objects.filter(content_page_types(), pk=content_type.pk).exists()
    channel = Channel.objects.create(name="Ankommen", slug="ankommen")
    channel.page_types.set([content_type])
    channel.topics.set(Topic.objects.filter(slug="wohnen"))
    assert [page.title for page in select_content(channel)] == ["Welcome Point Asperg"]

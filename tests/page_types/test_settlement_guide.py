"""The settlement guide (``/wegweiser/``): a bookmarkable GET form whose answer has the sections an editor
chose for the profile — contact points in the reader's language, nearest first; MINT offers for children;
the municipality's lighthouse stories; newsletters with a prefilled sign-up — and German messages, never a
500, for bad input."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType

from campaigns.models import Channel
from page_types.models import (
    GradeBand,
    GuideProfile,
    LighthouseStoryPage,
    MintOfferPage,
    SettlementGuidePage,
    Topic,
)
from tests.factories import make_contact_index, make_contact_point, make_offer, make_story
from tests.page_types.markup import assert_accessible_structure, soup, text_of


def profile(slug: str, name: str, topics: tuple[str, ...], **fields) -> GuideProfile:
    created = GuideProfile.objects.create(slug=slug, name=name, intro=f"Einleitung {name}.", **fields)
    created.topics.set(Topic.objects.filter(slug__in=topics))
    return created


@pytest.fixture
def guide(site) -> dict:
    """The guide page, three profiles, contact points around Asperg, offers, stories and two channels."""
    home = site["home"]
    page = home.add_child(instance=SettlementGuidePage(title="Wegweiser", slug="wegweiser"))
    page.save_revision().publish()
    profile("fachkraft", "Fachkraft", ("arbeit", "anerkennung-von-abschluessen", "wohnen"))
    family = profile("familie", "Familie", ("familie",))
    family.grade_bands.set(GradeBand.objects.filter(slug="klasse-5-7"))
    profile(
        "unternehmen-gruendung", "Unternehmen und Gründung", ("wirtschaftsfoerderung",), show_offers=False
    )
    index = make_contact_index(home)
    make_contact_point(
        index, "Welcome Point Asperg", languages=("de", "en"), municipalities=("asperg",), topics=["arbeit"]
    )
    make_contact_point(index, "Welcome Center Ludwigsburg", languages=("de", "en", "ar"), topics=["arbeit"])
    make_contact_point(
        index,
        "Jobberatung Vaihingen",
        languages=("de", "en"),
        municipalities=("vaihingen-an-der-enz",),
        topics=["arbeit"],
    )
    make_contact_point(
        index, "Wohnberatung Tamm", languages=("de", "tr"), municipalities=("tamm",), topics=["wohnen"]
    )
    make_contact_point(
        index,
        "Familienzentrum Asperg",
        languages=("de", "uk"),
        municipalities=("asperg",),
        topics=["familie"],
    )
    make_contact_point(
        index,
        "Gründerbüro Remseck",
        languages=("de",),
        municipalities=("remseck-am-neckar",),
        topics=["wirtschaftsfoerderung"],
    )
    make_offer(site["mint"], "Roboter bauen", grade_bands=("klasse-5-7",), municipalities=["asperg"])
    make_offer(site["mint"], "Chemie-Abitur", grade_bands=("klasse-11-13",), municipalities=["asperg"])
    make_offer(site["mint"], "Vergangenes Camp", grade_bands=("klasse-5-7",), starts_in=timedelta(days=-20))
    make_offer(
        site["mint"],
        "Nur in Oberstenfeld",
        grade_bands=("klasse-5-7",),
        municipalities=["oberstenfeld"],
    )
    make_story(site["lighthouse"], "Hohenasperg digital", municipalities=["asperg"])
    make_story(site["lighthouse"], "Marbacher Literaturtechnik", municipalities=["marbach-am-neckar"])
    make_story(site["lighthouse"], "Tammer Solarpark", municipalities=["tamm"])
    for slug, name, model in (
        ("mint-update", "MINT-Update", MintOfferPage),
        ("leuchttuerme", "Leuchttürme & Innovation", LighthouseStoryPage),
    ):
        channel = Channel(slug=slug, name=name, description=f"Über {name}.")
        channel.page_types = [ContentType.objects.get_for_model(model)]
        channel.save()
    return {**site, "page": page}


def ask(client, guide, status: int = 200, **query):
    response = client.get(guide["page"].url, query)
    assert response.status_code == status
    assert_accessible_structure(soup(response))
    return response


def section(response, heading_id: str) -> list[str]:
    """The entries of one answer section (list items or card titles), in order."""
    block = soup(response).find(id=heading_id)
    if block is None:
        return []
    part = block.find_parent("section")
    return [
        link.get_text(strip=True)
        for link in part.select("ul.guide-list > li > a:first-of-type, article.card h4 a")
    ]


def test_the_bare_guide_shows_the_form_with_every_profile_and_no_answer(client, guide):
    response = ask(client, guide)
    form = soup(response).find("form", class_="guide-form")
    assert form["method"] == "get"
    options = [option["value"] for option in form.select("select[name=profil] option") if option["value"]]
    assert options == ["fachkraft", "familie", "unternehmen-gruendung"]
    assert not soup(response).select(".guide-answer") and not soup(response).select(".error-summary")


def test_a_skilled_worker_gets_contact_points_in_their_language_nearest_first(client, guide):
    response = ask(client, guide, profil="fachkraft", kommune="asperg", sprache="en")
    # Same municipality first, then by distance; only the profile's topics (no family centre) and only
    # those speaking English (the Turkish-speaking housing office in Tamm is left out).
    assert section(response, "anlaufstellen") == [
        "Welcome Point Asperg",
        "Welcome Center Ludwigsburg",
        "Jobberatung Vaihingen",
    ]
    assert section(response, "leuchttuerme") == ["Hohenasperg digital"]
    # No children asked about: no MINT section.
    assert section(response, "mint-angebote") == []
    assert "Einleitung Fachkraft." in text_of(response)


def test_a_language_nobody_speaks_says_so_and_shows_the_nearest_contact_points(client, guide):
    response = ask(client, guide, profil="fachkraft", kommune="tamm", sprache="ti")
    assert "Keine passende Anlaufstelle gibt „ትግርኛ“ als Sprache an" in text_of(response)
    assert section(response, "anlaufstellen")[0] == "Wohnberatung Tamm"


def test_a_family_with_children_gets_upcoming_offers_for_their_grades_nearby(client, guide):
    response = ask(client, guide, profil="familie", kommune="asperg", kinder="1")
    assert section(response, "mint-angebote") == ["Roboter bauen"]
    assert section(response, "anlaufstellen") == ["Familienzentrum Asperg"]
    # ``kinder=0`` is a no, and the box shows it unticked.
    response = ask(client, guide, profil="familie", kommune="asperg", kinder="0")
    assert section(response, "mint-angebote") == []
    assert not soup(response).select_one("input[name=kinder]").has_attr("checked")


def test_without_own_stories_the_neighbours_stories_are_shown_and_named_so(client, guide):
    # Affalterbach has no story; Marbach lies 5 km away, Asperg and Tamm more than 10 km.
    response = ask(client, guide, profil="familie", kommune="affalterbach")
    assert "Leuchttürme in der Nachbarschaft" in text_of(response)
    assert section(response, "leuchttuerme") == ["Marbacher Literaturtechnik"]


def test_a_company_profile_has_no_offer_section_even_with_children(client, guide):
    response = ask(client, guide, profil="unternehmen-gruendung", kommune="remseck-am-neckar", kinder="1")
    assert section(response, "mint-angebote") == []
    assert section(response, "anlaufstellen") == ["Gründerbüro Remseck"]


def test_newsletters_fit_the_answer_and_link_to_a_prefilled_sign_up(client, guide):
    response = ask(client, guide, profil="familie", kommune="asperg", sprache="en", kinder="1")
    links = {a.get_text(strip=True): a["href"] for a in soup(response).select("#newsletter ~ ul a")}
    assert set(links) == {"„MINT-Update“ abonnieren", "„Leuchttürme & Innovation“ abonnieren"}
    url = links["„MINT-Update“ abonnieren"]
    # The family profile's topic "Familie" belongs to the interest "Leben & Ankommen".
    assert url == "/newsletter/?channels=mint-update&municipality=asperg&interests=leben-ankommen&language=en"
    # Without children the answer shows no offers, so the MINT channel is not suggested.
    response = ask(client, guide, profil="familie", kommune="asperg")
    assert [a.get_text(strip=True) for a in soup(response).select("#newsletter ~ ul a")] == [
        "„Leuchttürme & Innovation“ abonnieren"
    ]
    signup = soup(client.get(url))
    assert signup.select_one("input[name=channels][value=mint-update]").has_attr("checked")
    assert signup.select_one("select[name=municipality] option[value=asperg]").has_attr("selected")
    assert signup.select_one("input[name=language][value=en]").has_attr("checked")
    assert signup.select_one("input[name=interests][value=leben-ankommen]").has_attr("checked")
    assert not signup.select_one("input[name=interests][value=ausbildung-beruf]").has_attr("checked")
    assert not signup.select_one("input[name=consent]").has_attr("checked")


def test_the_answer_is_bookmarkable_the_form_keeps_the_choices(client, guide):
    response = ask(client, guide, profil="fachkraft", kommune="asperg", sprache="en", kinder="1")
    form = soup(response).find("form", class_="guide-form")
    assert form.select_one("select[name=profil] option[value=fachkraft]").has_attr("selected")
    assert form.select_one("select[name=kommune] option[value=asperg]").has_attr("selected")
    assert form.select_one("select[name=sprache] option[value=en]").has_attr("selected")
    checkbox = form.select_one("input[name=kinder]")
    assert checkbox["value"] == "1" and checkbox.has_attr("checked")


def test_an_editor_adds_a_profile_without_a_code_change(client, guide):
    profile("pflege", "Pflegekraft", ("arbeit",), show_stories=False, show_channels=False)
    response = ask(client, guide, profil="pflege", kommune="asperg")
    assert section(response, "anlaufstellen")[0] == "Welcome Point Asperg"
    assert not soup(response).find(id="leuchttuerme") and not soup(response).find(id="newsletter")


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"profil": "astronaut", "kommune": "asperg"}, "profil", "Diesen Wert gibt es nicht"),
        ({"profil": "fachkraft", "kommune": "stuttgart"}, "kommune", "Diesen Wert gibt es nicht"),
        (
            {"profil": "fachkraft", "kommune": "asperg", "sprache": "EN"},
            "sprache",
            "Diesen Wert gibt es nicht",
        ),
        ({"profil": "fachkraft"}, "kommune", "Bitte wählen Sie eine Kommune."),
        ({"kommune": "asperg"}, "profil", "Bitte wählen Sie, als wer Sie kommen."),
        ({"profil": "x" * 5000, "kommune": "\x00"}, "profil", "Diesen Wert gibt es nicht"),
    ],
)
def test_bad_input_is_a_german_message_on_the_page_never_a_500(client, guide, query, field, message):
    response = ask(client, guide, status=400, **query)
    summary = soup(response).select_one(".error-summary")
    assert summary is not None and message in summary.get_text()
    assert soup(response).select_one(f"[name={field}]")["aria-invalid"] == "true"
    assert not soup(response).select(".guide-answer")

"""Vocabulary in the reader's language: interests, subjects and grade bands carry a name per further content
language, edited beside the German one; readers of that language see it, and the German name where none
was given."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from page_types.models import GradeBand, Interest, MintSubject, Topic
from tests.page_types.markup import soup

pytestmark = pytest.mark.django_db


def checkbox_labels(response, name: str) -> list[str]:
    document = soup(response)
    boxes = document.find_all("input", attrs={"name": name})
    return [document.find("label", attrs={"for": box["id"]}).get_text(" ", strip=True) for box in boxes]


def test_english_readers_choose_from_english_names_and_german_readers_from_german_ones():
    visitor = Client()
    english = visitor.get("/en/newsletter/")
    assert checkbox_labels(english, "interests")[0] == "Training & jobs"
    assert "Computer science" in checkbox_labels(english, "subjects")
    assert "Grades 8–10" in checkbox_labels(english, "grade_bands")
    german = visitor.get("/newsletter/")
    assert checkbox_labels(german, "interests")[0].startswith("Ausbildung & Beruf – Ausbildung, Studium")
    assert "Informatik" in checkbox_labels(german, "subjects")


def test_a_term_without_a_name_in_the_language_shows_its_german_name():
    subject = MintSubject.objects.create(name="Robotik", slug="robotik")
    with translation.override("en"):
        assert str(subject) == "Robotik"
        assert str(MintSubject.objects.get(slug="informatik")) == "Computer science"
        assert str(Topic.objects.get(slug="arbeit")) == "Mensch › Work"  # "Mensch" has no English name yet
    assert str(GradeBand.objects.get(slug="klasse-8-10")) == "Klasse 8–10"


def test_editors_give_the_name_in_each_further_language_beside_the_german_one(admin_client):
    interest = Interest.objects.get(slug="leben-ankommen")
    url = reverse("wagtailsnippets_page_types_interest:edit", args=[interest.pk])
    form = soup(admin_client.get(url))
    field = form.find("input", attrs={"name": "translated_names_0"})
    assert field["lang"] == "en" and field["value"] == "Living here & settling in"
    assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True) == "Englisch"
    data = {
        "name": interest.name,
        "slug": interest.slug,
        "sort_order": interest.sort_order,
        "translated_names_0": "  Life & arrival ",
        "description": interest.description,
        "topics": [topic.pk for topic in interest.topics.all()],
    }
    assert admin_client.post(url, data).status_code == 302
    interest.refresh_from_db()
    assert interest.translated_names == {"en": "Life & arrival"}
    data["translated_names_0"] = ""
    admin_client.post(url, data)
    interest.refresh_from_db()
    assert interest.translated_names == {}

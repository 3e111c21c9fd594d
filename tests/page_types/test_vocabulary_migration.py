"""The data migration seeds the district's 39 municipalities and the workshop's vocabulary."""

import importlib

from django.apps import apps

from page_types.models import GradeBand, MintSubject, Municipality, Topic
from page_types.slugs import german_slug
from page_types.vocabulary import municipality_names

vocabulary_migration = importlib.import_module("page_types.migrations.0002_vocabulary")


def test_the_39_municipalities_are_seeded_with_transliterated_slugs(db):
    assert Municipality.objects.count() == 39
    slugs = set(Municipality.objects.values_list("slug", flat=True))
    assert slugs == {german_slug(name) for name in municipality_names()}
    # Umlauts and ß are transliterated, not dropped; multi-word names become hyphenated slugs.
    assert {"loechgau", "boennigheim", "grossbottwar", "korntal-muenchingen", "markgroeningen"} <= slugs
    assert {"bietigheim-bissingen", "vaihingen-an-der-enz", "steinheim-an-der-murr", "ludwigsburg"} <= slugs
    assert Municipality.objects.get(slug="moeglingen").name == "Möglingen"


def test_municipalities_are_listed_in_german_alphabetical_order(db):
    names = [municipality.name for municipality in Municipality.objects.all()]
    assert names.index("Löchgau") < names.index("Ludwigsburg")
    assert names.index("Markgröningen") < names.index("Möglingen") < names.index("Mundelsheim")
    assert names.index("Bönnigheim") < names.index("Ditzingen")


def test_the_data_file_names_39_distinct_municipalities():
    names = municipality_names()
    assert len(names) == len(set(names)) == 39
    assert len({german_slug(name) for name in names}) == 39


def test_topics_subjects_and_grade_bands_are_seeded(db):
    factors = Topic.objects.filter(parent=None)
    assert set(factors.values_list("slug", flat=True)) == {
        "mensch",
        "infrastruktur",
        "politik-verwaltung",
        "image",
    }
    assert Topic.objects.get(slug="fachkraeftegewinnung").parent.slug == "mensch"
    assert set(MintSubject.objects.values_list("slug", flat=True)) == {
        "mathematik",
        "informatik",
        "naturwissenschaften",
        "technik",
    }
    assert (
        GradeBand.objects.filter(slug__in=["klasse-1-4", "klasse-8-10", "lehrkraefte", "eltern"]).count() == 4
    )


def test_running_the_seed_again_adds_nothing(db):
    counts = [model.objects.count() for model in (Municipality, Topic, MintSubject, GradeBand)]
    vocabulary_migration.seed(apps, schema_editor=None)
    assert [model.objects.count() for model in (Municipality, Topic, MintSubject, GradeBand)] == counts

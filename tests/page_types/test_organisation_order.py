"""Organisations are listed in German alphabetical order (DIN 5007-2): "Ärztekammer" with the A's, not after
"Zeppelin GmbH", on any database collation."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from page_types.models import Organisation
from page_types.slugs import german_slug, german_sort_key

sort_name_migration = importlib.import_module("page_types.migrations.0004_organisation_sort_name")

pytestmark = pytest.mark.django_db

# Created in this (mixed) order; listed in the German order below.
MIXED = ["Zeppelin GmbH", "Öko-Institut", "Bosch", "école", "Ärztekammer Nordwürttemberg", "Ulmer Werke"]
GERMAN_ORDER = [
    "Ärztekammer Nordwürttemberg",
    "Bosch",
    "école",
    "Öko-Institut",
    "Ulmer Werke",
    "Zeppelin GmbH",
]


def create(names: list[str]) -> list[Organisation]:
    return [Organisation.objects.create(name=name, slug=german_slug(name)) for name in names]


def in_order_of_appearance(text: str, names: list[str]) -> list[str]:
    assert all(name in text for name in names)
    return sorted(names, key=text.index)


def test_the_sort_key_writes_out_umlauts_and_drops_other_accents():
    assert german_sort_key("Ärztekammer Nordwürttemberg") == "aerztekammer nordwuerttemberg"
    assert german_sort_key("ÖKO-Institut") == "oeko-institut"
    assert german_sort_key("Große Straße") == "grosse strasse"
    assert german_sort_key("école") == "ecole"
    # An umlaut typed as "u" + combining diaeresis sorts like "ü".
    assert german_sort_key("U\u0308bach") == german_sort_key("Übach") == "uebach"


def test_the_default_order_is_german():
    create(MIXED)
    assert [organisation.name for organisation in Organisation.objects.all()] == GERMAN_ORDER


def test_the_admin_list_and_the_chooser_are_in_german_order(admin_client):
    create(MIXED)
    listing = admin_client.get(reverse("wagtailsnippets_page_types_organisation:list"))
    assert listing.status_code == 200
    assert in_order_of_appearance(listing.content.decode(), MIXED) == GERMAN_ORDER
    chooser_viewset = Organisation.snippet_viewset.chooser_viewset
    chooser = admin_client.get(reverse(chooser_viewset.get_url_name("choose_results")))
    assert chooser.status_code == 200
    assert in_order_of_appearance(chooser.content.decode(), MIXED) == GERMAN_ORDER


def test_the_sort_name_is_not_in_the_edit_form(admin_client):
    (organisation,) = create(["Öko-Institut"])
    url = reverse("wagtailsnippets_page_types_organisation:edit", args=[organisation.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "sort_name" not in response.context["form"].fields
    assert 'name="sort_name"' not in response.content.decode()


def test_renaming_updates_the_sort_name():
    (organisation,) = create(["Zeppelin GmbH"])
    create(["Bosch"])
    organisation.name = "Ärztekammer Nordwürttemberg"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.sort_name == "aerztekammer nordwuerttemberg"
    assert [o.name for o in Organisation.objects.all()] == ["Ärztekammer Nordwürttemberg", "Bosch"]
    # A save of the name alone (update_fields) keeps the key in step too.
    organisation.name = "Zweckverband"
    organisation.save(update_fields=["name"])
    assert Organisation.objects.get(pk=organisation.pk).sort_name == "zweckverband"


def test_bulk_writes_set_the_sort_name():
    """The demo loader creates its organisations with bulk_create, which does not call save()."""
    Organisation.objects.bulk_create(Organisation(name=name, slug=german_slug(name)) for name in MIXED)
    assert [o.name for o in Organisation.objects.all()] == GERMAN_ORDER
    oeko = Organisation.objects.get(name="Öko-Institut")
    oeko.name = "Adler"
    Organisation.objects.bulk_update([oeko], ["name"])
    assert Organisation.objects.get(pk=oeko.pk).sort_name == "adler"


def test_the_migration_backfills_existing_rows():
    create(MIXED)
    Organisation.objects.update(sort_name="")  # as the rows were before the migration
    sort_name_migration.backfill_sort_names(apps, schema_editor=None)
    assert dict(Organisation.objects.values_list("name", "sort_name")) == {
        name: german_sort_key(name) for name in MIXED
    }
    assert [o.name for o in Organisation.objects.all()] == GERMAN_ORDER

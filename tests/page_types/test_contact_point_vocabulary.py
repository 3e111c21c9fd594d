"""The vocabulary of contact points: what they help with (topics below "Mensch") and the languages, each
named in itself, with two-letter ISO codes."""

import pytest
from django.core.exceptions import ValidationError

from page_types.models import Language, Topic


def test_the_vocabulary_has_what_contact_points_help_with_and_languages_in_their_own_names(db):
    helps_with = Topic.objects.filter(parent__slug="mensch").values_list("slug", flat=True)
    assert {"arbeit", "anerkennung-von-abschluessen", "sprache", "wohnen", "familie"} <= set(helps_with)
    names = dict(Language.objects.values_list("slug", "name"))
    assert (names["de"], names["en"], names["tr"], names["uk"], names["ar"]) == (
        "Deutsch",
        "English",
        "Türkçe",
        "Українська",
        "العربية",
    )


def test_a_language_code_must_be_two_iso_letters(db):
    with pytest.raises(ValidationError) as error:
        Language(name="Klingonisch", slug="tlh").full_clean()
    assert "slug" in error.value.message_dict

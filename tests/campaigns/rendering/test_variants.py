"""Segmented rendering: one MJML render per variant, each reader's variant holds exactly their pages."""

from unittest import mock

import pytest
from mjml import mjml2html

from campaigns.models import Delivery, Variant
from campaigns.sending import control, freeze
from tests.campaigns.engine import ALL_TITLES, EXPECTED_TITLES


def titles_in(text: str) -> set[str]:
    return {title for title in ALL_TITLES if title in text}


@pytest.fixture
def prepared(newsletter):
    control.begin(newsletter.campaign.pk)
    with mock.patch("campaigns.rendering.mjml.mjml2html", wraps=mjml2html) as renders:
        freeze.prepare(newsletter.campaign.pk)
    return newsletter, renders


def test_mjml_renders_once_per_variant(prepared):
    newsletter, renders = prepared
    variants = Variant.objects.filter(campaign=newsletter.campaign)
    assert variants.count() == 4
    assert renders.call_count == variants.count()


def test_each_reader_gets_the_variant_with_their_pages(prepared):
    newsletter, _renders = prepared
    for name, reader in newsletter.readers.items():
        delivery = Delivery.objects.select_related("variant").get(
            campaign=newsletter.campaign, subscriber=reader
        )
        assert titles_in(delivery.variant.html) == EXPECTED_TITLES[name], name
        assert titles_in(delivery.variant.text) == EXPECTED_TITLES[name], name
        assert "Ein Leuchtturm der Logistik" in delivery.variant.html


def test_readers_with_equal_content_share_a_variant(newsletter):
    from tests.campaigns.engine import make_reader

    make_reader(
        newsletter.channel,
        "zweite-lehrerin@example.org",
        subjects=["informatik"],
        grade_bands=["klasse-8-10"],
    )
    control.begin(newsletter.campaign.pk)
    freeze.prepare(newsletter.campaign.pk)
    teacher_variants = Delivery.objects.filter(
        campaign=newsletter.campaign,
        subscriber__email__in=["lehrerin@example.org", "zweite-lehrerin@example.org"],
    ).values_list("variant", flat=True)
    assert len(set(teacher_variants)) == 1
    assert Variant.objects.get(pk=teacher_variants[0]).recipient_count == 2

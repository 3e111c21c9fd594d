"""The sign-up options in the reader's language: a front end that asks in English (``Accept-Language``) gets
the newsletters, the vocabulary and the consent text as English readers read them, and German otherwise."""

import pytest

from campaigns.models import ChannelText, ConsentText

pytestmark = pytest.mark.django_db
OPTIONS = "/api/v1/subscriptions/options"


def names(terms: list[dict]) -> dict[str, str]:
    return {term["slug"]: term["name"] for term in terms}


def test_options_come_in_the_language_the_front_end_asks_for(visitor, newsletter_channels):
    ChannelText.objects.create(channel=newsletter_channels["mint"], language="en", name="STEM update")
    consent = ConsentText.objects.get(version="2025-01")
    consent.translated_texts = {"en": "Please send me [Kanäle] by e-mail."}
    consent.save()
    german = visitor.get(OPTIONS).json()
    english = visitor.get(OPTIONS, headers={"accept-language": "en"}).json()
    assert names(german["channels"])["mint-update"] == "MINT-Update"
    assert names(english["channels"])["mint-update"] == "STEM update"
    assert names(german["subjects"])["mathematik"] == "Mathematik"
    assert names(english["subjects"])["mathematik"] == "Mathematics"
    assert names(english["interests"])["ausbildung-beruf"] == "Training & jobs"
    assert names(english["municipalities"])["asperg"] == "Asperg"
    assert english["consent_text"] == {"version": "2025-01", "text": "Please send me [Kanäle] by e-mail."}
    assert german["consent_text"] == {"version": "2025-01", "text": consent.text}

"""Bad input on the sign-up form: a clear German message, a 4xx status, and nothing stored or mailed."""

import pytest

from campaigns import app_settings
from campaigns.models import ConsentEvent, Subscriber, Subscription, Suppression
from tests.campaigns.subscribing import run_queued_tasks, signup_data

pytestmark = pytest.mark.django_db

BAD_SIGNUPS = {
    "malformed address": ({"email": "lena.example.org"}, "gültige E-Mail-Adresse"),
    "header injection in the address": (
        {"email": "lena@example.org\r\nBcc: all@example.org"},
        "Zeilenumbrüche",
    ),
    "header injection in the name": ({"name": "Lena\nBcc: all@example.org"}, "Zeilenumbrüche"),
    "NUL in the name": ({"name": "Lena\x00"}, "Steuerzeichen"),
    "over-long name": ({"name": "L" * 121}, "höchstens 120 Zeichen"),
    "over-long address": ({"email": "l" * 250 + "@example.org"}, "höchstens 254 Zeichen"),
    "over-long domain label": ({"email": "lena@" + "x" * 64 + ".de"}, "Domain"),
    "unknown channel": ({"channels": ["gibt-es-nicht"]}, "Unbekannter Newsletter: „gibt-es-nicht“"),
    "non-public channel": ({"channels": ["intern"]}, "Unbekannter Newsletter: „intern“"),
    "channel that is no slug": ({"channels": ["mint-update\x00"]}, "Unbekannter Newsletter"),
    "no channel": ({"channels": []}, "mindestens einen Newsletter"),
    "unknown municipality": ({"municipality": "atlantis"}, "Kommune ist unbekannt"),
    "unknown grade band": ({"grade_bands": ["klasse-14"]}, "Unbekannte Zielgruppe: „klasse-14“"),
    "unknown subject": ({"subjects": ["alchemie"]}, "Unbekanntes MINT-Fach"),
    "unknown interest": ({"interests": ["astrologie"]}, "Unbekanntes Interesse"),
    "too many interests": ({"interests": [f"t{i}" for i in range(51)]}, "höchstens 50 Einträge"),
    "unknown role": ({"role": "admin"}, "Unbekannte Rolle"),
    "unknown language": ({"language": "xx"}, "Unbekannte Sprache"),
    "no consent": ({"consent": ""}, "Bitte bestätigen Sie die Einwilligung"),
    "unknown consent version": ({"consent_version": "1999"}, "Fassung des Einwilligungstexts ist unbekannt"),
}


@pytest.mark.parametrize("changes,message", BAD_SIGNUPS.values(), ids=BAD_SIGNUPS.keys())
def test_bad_signup_is_refused_in_german_and_changes_nothing(
    visitor, newsletter_channels, inline_mail, mailoutbox, changes, message
):
    response = visitor.post("/newsletter/", signup_data(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert not Subscriber.objects.exists()
    assert not ConsentEvent.objects.exists()
    assert mailoutbox == []


def test_an_address_django_refuses_gets_the_formal_german_message(visitor, newsletter_channels, mailoutbox):
    response = visitor.post("/newsletter/", signup_data("juergen..meier@bücherei.de"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an." in html
    assert "Gib eine" not in html
    assert not Subscriber.objects.exists()


def test_internationalised_domain_is_stored_in_idna_form_with_the_local_part_kept(
    visitor, newsletter_channels
):
    response = visitor.post("/newsletter/", signup_data("Lena.Mueller@Bücherei-Ludwigsburg.DE"))
    assert response.status_code == 303
    run_queued_tasks()
    assert Subscriber.objects.get().email == "Lena.Mueller@xn--bcherei-ludwigsburg-59b.de"


def test_honeypot_answers_like_a_success_but_stores_and_sends_nothing(
    visitor, newsletter_channels, inline_mail, mailoutbox
):
    response = visitor.post("/newsletter/", signup_data(website="http://spam.example"))
    assert response.status_code == 303
    assert response["Location"] == "/newsletter/danke/"
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_a_get_never_changes_state(visitor, newsletter_channels):
    visitor.get("/newsletter/", signup_data())
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(visitor, newsletter_channels, method):
    assert getattr(visitor, method)("/newsletter/").status_code == 405


def test_no_enumeration_every_kind_of_address_gets_the_same_answer(
    visitor, newsletter_channels, inline_mail, mailoutbox, django_capture_on_commit_callbacks
):
    active = Subscriber.objects.create(email="aktiv@example.org")
    Subscription.objects.create(subscriber=active, channel=newsletter_channels["mint"], status="active")
    Suppression.suppress("gesperrt@example.org", Suppression.Reason.COMPLAINT)
    visitor.post("/newsletter/", signup_data("wartend@example.org"))

    answers = []
    for address in ("neu@example.org", "wartend@example.org", "aktiv@example.org", "gesperrt@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = visitor.post("/newsletter/", signup_data(address), follow=True)
        answers.append((response.status_code, response.redirect_chain, response.content))
    assert all(answer == answers[0] for answer in answers)


def test_a_repeated_signup_sends_one_mail_per_cool_down(
    visitor, newsletter_channels, inline_mail, mailoutbox, django_capture_on_commit_callbacks
):
    for _attempt in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            visitor.post("/newsletter/", signup_data("lena@example.org"))
    assert len(mailoutbox) == 1

    subscriber = Subscriber.objects.get()
    subscriber.last_confirmation_sent_at -= app_settings.confirmation_cooldown()
    subscriber.save(update_fields=["last_confirmation_sent_at"])
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/newsletter/", signup_data("lena@example.org"))
    assert len(mailoutbox) == 2


def test_signup_costs_a_bounded_number_of_queries(
    visitor, newsletter_channels, django_assert_max_num_queries
):
    data = signup_data(
        grade_bands=["klasse-5-7", "klasse-8-10"], subjects=["informatik"], municipality="asperg"
    )
    with django_assert_max_num_queries(40):
        visitor.post("/newsletter/", data)

"""Consent of minors (GDPR Art. 8; Germany kept 16): a pupil is asked whether they are at least 16; under
16 the subscription starts only when a parent or guardian confirms by a second mail to the address the
pupil gave, and the proof of consent shows both steps. The sign-up page explains it in plain German."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from campaigns.models import ConsentEvent, Subscriber, Subscription
from tests.campaigns.subscribing import link_in, signup_data

pytestmark = pytest.mark.django_db
Status = Subscription.Status
Event = ConsentEvent.Event
PUPIL = "paula.schuelerin@example.org"
PARENT = "mama.schuelerin@example.org"


def pupil(**overrides) -> dict:
    return signup_data(PUPIL, role="student", **overrides)


def test_the_signup_page_explains_it_in_plain_german(visitor, newsletter_channels):
    html = visitor.get("/newsletter/").content.decode()
    assert "Sind Sie mindestens 16 Jahre alt?" in html
    assert "Wer jünger als 16 Jahre ist, bekommt den Newsletter nur, wenn ein Elternteil zustimmt." in html


def test_a_pupil_must_say_whether_they_are_16(visitor, newsletter_channels):
    response = visitor.post("/newsletter/", pupil())
    assert response.status_code == 400
    assert "ob Sie mindestens 16 Jahre alt sind" in response.content.decode()
    api = visitor.post(
        "/api/subscriptions",
        {"email": PUPIL, "channels": ["mint-update"], "consent": True, "role": "student"},
        content_type="application/json",
    )
    assert api.status_code == 422 and "at_least_16" in api.json()["errors"]
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("guardian, message", [("", "E-Mail-Adresse an"), (PUPIL, "nicht Ihre eigene")])
def test_under_16_needs_another_persons_address(visitor, newsletter_channels, guardian, message):
    response = visitor.post("/newsletter/", pupil(at_least_16="False", guardian_email=guardian))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_other_roles_are_not_asked(visitor, newsletter_channels, inline_mail):
    response = visitor.post("/newsletter/", signup_data(PUPIL, role="teacher", at_least_16="False"))
    assert response.status_code == 303


def test_under_16_the_subscription_starts_only_with_a_parents_confirmation(
    visitor,
    newsletter_channels,
    smtp_sink,
    inline_mail,
    django_capture_on_commit_callbacks,
    client,
    django_user_model,
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/newsletter/", pupil(at_least_16="False", guardian_email=PARENT))
    [to_pupil] = smtp_sink.handler.to(PUPIL)
    assert "Elternteil" in to_pupil.message.get_content()
    assert smtp_sink.handler.to(PARENT) == [], "the parent is asked only after the pupil confirmed"
    subscriber = Subscriber.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        page = visitor.post(link_in(to_pupil.message.get_content(), "confirm"))
    assert "Fast geschafft" in page.content.decode()
    assert subscriber.subscriptions.get().status == Status.PENDING
    [to_parent] = smtp_sink.handler.to(PARENT)
    guardian_link = link_in(to_parent.message.get_content(), "guardian")
    assert PUPIL in to_parent.message.get_content()

    assert "Ja, ich stimme zu" in visitor.get(guardian_link).content.decode()
    assert subscriber.subscriptions.get().status == Status.PENDING, "a GET agrees to nothing"
    done = visitor.post(guardian_link)
    assert "Vielen Dank für Ihre Zustimmung" in done.content.decode()
    assert subscriber.subscriptions.get().status == Status.ACTIVE

    requested, confirmed, agreed = subscriber.consent_events.order_by("pk")
    assert [requested.event, confirmed.event, agreed.event] == [
        Event.REQUESTED,
        Event.CONFIRMED,
        Event.GUARDIAN_CONFIRMED,
    ]
    assert confirmed.confirms == requested and agreed.confirms == requested
    assert PARENT in agreed.detail

    manager = django_user_model.objects.create_user("kampagne")
    manager.groups.add(Group.objects.get(name="Kampagnen"))
    client.force_login(manager)
    proof = client.get(
        reverse("wagtailsnippets_campaigns_subscriber:proof", args=[subscriber.pk])
    ).content.decode()
    assert "Anmeldung bestätigt" in proof and "Zustimmung der Eltern bestätigt" in proof
    assert PARENT in proof


def test_16_and_older_confirm_alone(
    visitor, newsletter_channels, smtp_sink, inline_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/newsletter/", pupil(at_least_16="True", guardian_email=PARENT))
    [to_pupil] = smtp_sink.messages
    visitor.post(link_in(to_pupil.message.get_content(), "confirm"))
    assert Subscriber.objects.get().subscriptions.get().status == Status.ACTIVE
    assert smtp_sink.handler.to(PARENT) == []

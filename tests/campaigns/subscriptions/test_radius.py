"""A reader may narrow MINT offers to a radius around their municipality in the preference centre: an
explicit choice, kept until they change it, and refused in German without a municipality."""

from django.urls import reverse

from campaigns.models import Subscriber, Subscription
from campaigns.tokens import PREFERENCES, make_token
from page_types.models import Municipality


def _preferences(newsletter_channels, **fields) -> tuple[Subscriber, str]:
    subscriber = Subscriber.objects.create(email="lena@example.org", **fields)
    Subscription.objects.create(
        subscriber=subscriber, channel=newsletter_channels["mint"], status=Subscription.Status.ACTIVE
    )
    return subscriber, reverse(
        "newsletter:preferences", kwargs={"token": make_token(subscriber, PREFERENCES)}
    )


def test_the_preference_centre_offers_and_keeps_a_radius(visitor, newsletter_channels):
    subscriber, path = _preferences(newsletter_channels)
    html = visitor.get(path).content.decode()
    assert 'name="mint_radius_km"' in html and "bis 15 km" in html
    data = {"channels": ["mint-update"], "language": "de", "municipality": "asperg", "mint_radius_km": "15"}
    assert visitor.post(path, data).status_code == 200
    subscriber.refresh_from_db()
    assert (subscriber.municipality.slug, subscriber.mint_radius_km) == ("asperg", 15)
    assert 'value="15" selected' in visitor.get(path).content.decode()
    del data["mint_radius_km"]
    visitor.post(path, data)
    subscriber.refresh_from_db()
    assert subscriber.mint_radius_km is None


def test_a_radius_needs_a_municipality_and_one_of_the_offered_values(visitor, newsletter_channels):
    subscriber, path = _preferences(newsletter_channels)
    response = visitor.post(path, {"channels": ["mint-update"], "language": "de", "mint_radius_km": "15"})
    assert response.status_code == 400
    assert "Für einen Umkreis geben Sie bitte auch Ihre Kommune an." in response.content.decode()
    data = {"channels": ["mint-update"], "language": "de", "municipality": "tamm", "mint_radius_km": "7"}
    response = visitor.post(path, data)
    assert response.status_code == 400
    assert "Bitte wählen Sie einen der angebotenen Umkreise." in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.mint_radius_km is None and subscriber.municipality is None


def test_the_api_keeps_a_radius_it_was_not_asked_to_change(client, newsletter_channels):
    subscriber, _path = _preferences(
        newsletter_channels, municipality=Municipality.objects.get(slug="asperg"), mint_radius_km=10
    )
    token = make_token(subscriber, PREFERENCES)
    response = client.patch(
        f"/api/subscriptions/preferences/{token}", {"name": "Lena"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.mint_radius_km) == ("Lena", 10)

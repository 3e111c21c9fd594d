"""Readers choose interests in plain words; the editorial topics never reach the sign-up, the preferences
or the subscription API, and the interests rank a reader's newsletter through the topics they gather."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaigns.api.subscriptions import topics_as_interests
from campaigns.models import SignupRequest, Subscriber
from campaigns.rendering.variants import readers
from page_types.models import Interest
from tests.page_types.markup import soup

pytestmark = pytest.mark.django_db


def test_the_sign_up_form_offers_interests_with_their_sentence_and_no_editorial_topic(
    visitor, newsletter_channels
):
    document = soup(visitor.get("/newsletter/"))
    boxes = document.find_all("input", attrs={"name": "interests"})
    labels = [document.find("label", attrs={"for": box["id"]}).get_text(" ", strip=True) for box in boxes]
    assert len(labels) == Interest.objects.count() == 5
    assert labels[0] == "Ausbildung & Beruf – Ausbildung, Studium, Arbeit und Weiterbildung im Landkreis"
    text = document.get_text(" ")
    for internal in ("Fachkräftegewinnung", "Politik & Verwaltung", "Innenkommunikation", "Lebenswerter"):
        assert internal not in text
    assert "›" not in text
    assert not document.find("input", attrs={"name": "topics"})


def test_a_readers_interests_rank_by_the_topics_they_gather(db):
    subscriber = Subscriber.objects.create(email="lena@example.org")
    subscriber.interests.add(Interest.objects.get(slug="ausbildung-beruf"))
    reader = readers(Subscriber.objects.filter(pk=subscriber.pk))[subscriber.pk]
    assert reader.topics == {"fachkraeftegewinnung", "arbeit", "anerkennung-von-abschluessen"}


def test_the_options_name_interests_and_only_the_topics_they_gather(visitor):
    options = visitor.get("/api/subscriptions/options").json()
    assert [interest["slug"] for interest in options["interests"]] == [
        "ausbildung-beruf",
        "forschung-technik",
        "unternehmen-vor-ort",
        "wohnen-mobilitaet",
        "leben-ankommen",
    ]
    assert all(interest["description"] for interest in options["interests"])
    deprecated = {topic["slug"] for topic in options["topics"]}
    assert "fachkraeftegewinnung" in deprecated
    assert not deprecated & {"innenkommunikation", "image", "verwaltung-als-impulsgeber"}


def test_the_deprecated_topics_of_the_api_become_the_interests_gathering_them():
    data = {"interests": ["forschung-technik"], "topics": ["mensch"]}
    assert topics_as_interests(data) == {}
    # "Mensch" stands for its sub-topics: Fachkräftegewinnung, Lebenswerter Landkreis, Arbeit, Wohnen …
    assert data == {
        "interests": ["forschung-technik", "ausbildung-beruf", "leben-ankommen", "wohnen-mobilitaet"]
    }
    unknown = {"topics": ["astrologie"]}
    assert topics_as_interests(unknown) == {"topics": ["Unbekanntes Thema: „astrologie“."]}


def test_a_sign_up_over_the_api_with_deprecated_topics_stores_interests(visitor, newsletter_channels):
    response = visitor.post(
        "/api/subscriptions",
        {"email": "ina@example.org", "channels": ["mint-update"], "consent": True, "topics": ["raum"]},
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    request = SignupRequest.objects.get()
    assert request.facets["interests"] == ["wohnen-mobilitaet"]
    refused = visitor.post(
        "/api/subscriptions",
        {"email": "ina@example.org", "channels": ["mint-update"], "consent": True, "topics": ["astrologie"]},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "astrologie" in refused.content.decode()
    assert SignupRequest.objects.count() == 1


@pytest.fixture
def migrated_back_afterwards():
    """The database at the newest migrations again after the test: the later tests of this worker need
    every table and column."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_every_choice_as_the_interests_gathering_it(migrated_back_afterwards):
    before, after = [("campaigns", "0018_campaign_texts")], [("campaigns", "0019_reader_interests")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    topic = {t.slug: t for t in old.get_model("page_types", "Topic").objects.all()}
    people = old.get_model("campaigns", "Subscriber").objects
    people.create(email="ohne@example.org")
    people.create(email="fachkraefte@example.org").topics.add(topic["fachkraeftegewinnung"])
    people.create(email="mensch@example.org").topics.add(topic["mensch"])
    people.create(email="intern@example.org").topics.add(topic["innenkommunikation"])
    audience = old.get_model("campaigns", "Audience").objects.create(name="Fachkräfte")
    for slug in ("fachkraeftegewinnung", "raum"):  # an audience's relation is parental: stored on save
        audience.topics.through.objects.create(audience_id=audience.pk, topic_id=topic[slug].pk)
    old.get_model("campaigns", "SignupRequest").objects.create(
        email="wartet@example.org", source="form", facets={"name": "Ina", "topics": ["energie-verkehr"]}
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    # The models as the migration left them: later migrations add columns the database does not have yet.
    new = executor.loader.project_state(after).apps

    def interests(email: str) -> set[str]:
        subscriber = new.get_model("campaigns", "Subscriber").objects.get(email=email)
        return set(subscriber.interests.values_list("slug", flat=True))

    assert interests("ohne@example.org") == set()
    assert interests("fachkraefte@example.org") == {"ausbildung-beruf"}
    assert interests("mensch@example.org") == {"ausbildung-beruf", "leben-ankommen", "wohnen-mobilitaet"}
    assert interests("intern@example.org") == set()  # an internal topic has no interest to become
    [migrated] = new.get_model("campaigns", "Audience").objects.all()
    assert set(migrated.interests.values_list("slug", flat=True)) == {"ausbildung-beruf", "wohnen-mobilitaet"}
    waiting = new.get_model("campaigns", "SignupRequest").objects.get(email="wartet@example.org")
    assert waiting.facets == {"name": "Ina", "interests": ["forschung-technik", "wohnen-mobilitaet"]}

"""Sign-ups cannot change other people's data, and every address gets the same answer after the same work.

The attacks of the security review: a stranger's sign-up for a pending person's address overwrote their name
and facets and was cited as their consent; sign-ups of new, active and suppressed addresses took measurably
different work. Now a sign-up stores a request and queues it — nothing else — and only the confirmation
from the mailbox applies a request: the one it was mailed for.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_q.models import OrmQ

from campaigns.models import ConsentEvent, Subscriber, Subscription, Suppression
from tests.campaigns.subscribing import link_in, run_queued_tasks, signup_data

pytestmark = pytest.mark.django_db
Status = Subscription.Status
Event = ConsentEvent.Event


def statuses(subscriber: Subscriber) -> dict[str, str]:
    return dict(subscriber.subscriptions.values_list("channel__slug", "status"))


def test_a_strangers_signup_changes_nothing_about_a_pending_person(newsletter_channels, smtp_sink):
    lena, stranger = Client(REMOTE_ADDR="192.0.2.10"), Client(REMOTE_ADDR="198.51.100.66")
    lena.post("/newsletter/", signup_data("lena@example.org", name="Lena", grade_bands=["klasse-5-7"]))
    run_queued_tasks()
    person = Subscriber.objects.get()
    [lenas_mail] = smtp_sink.handler.to("lena@example.org")

    stranger.post(
        "/newsletter/",
        signup_data("lena@example.org", name="Fremd", role="press", channels=["wirtschaft-im-landkreis"]),
    )
    run_queued_tasks()
    person.refresh_from_db()
    assert (person.name, person.role) == ("Lena", "")
    assert list(person.grade_bands.values_list("slug", flat=True)) == ["klasse-5-7"]
    assert len(smtp_sink.handler.to("lena@example.org")) == 1, "no second mail within the cool-down"

    lena.post(link_in(lenas_mail.message.get_content(), "confirm"))
    person.refresh_from_db()
    assert (person.name, person.role) == ("Lena", "")
    assert statuses(person)["mint-update"] == Status.ACTIVE
    assert statuses(person)["wirtschaft-im-landkreis"] == Status.PENDING
    [confirmed] = person.consent_events.filter(event=Event.CONFIRMED)
    assert confirmed.confirms.ip_address == "192.0.2.10", "the proof cites Lena's request, not the stranger's"
    assert confirmed.confirms.channel.slug == "mint-update"


def test_a_strangers_signup_does_not_touch_a_channel_the_person_left(newsletter_channels, visitor):
    person = Subscriber.objects.create(email="lena@example.org", name="Lena")
    Subscription.objects.create(
        subscriber=person, channel=newsletter_channels["mint"], status=Status.UNSUBSCRIBED
    )
    visitor.post("/newsletter/", signup_data("lena@example.org", name="Fremd"))
    run_queued_tasks()
    person.refresh_from_db()
    assert person.name == "Lena"
    assert statuses(person) == {"mint-update": Status.UNSUBSCRIBED}


def make_state(kind: str, channels) -> str:
    """An address in the given state: new, pending, active or suppressed."""
    address = f"{kind}@example.org"
    if kind in ("pending", "active"):
        subscriber = Subscriber.objects.create(email=address)
        Subscription.objects.create(subscriber=subscriber, channel=channels["mint"], status=kind)
    elif kind == "suppressed":
        Suppression.suppress(address, Suppression.Reason.COMPLAINT)
    return address


KINDS = ("new", "pending", "active", "suppressed")


@pytest.mark.parametrize("endpoint", ["form", "api"])
def test_every_kind_of_address_gets_the_same_answer_after_the_same_work(
    newsletter_channels, visitor, endpoint
):
    answers, queries, queued = {}, {}, {}
    for kind in KINDS:
        address = make_state(kind, newsletter_channels)
        before = OrmQ.objects.count()
        with CaptureQueriesContext(connection) as captured:
            if endpoint == "form":
                response = visitor.post("/newsletter/", signup_data(address))
                answers[kind] = (response.status_code, response["Location"])
            else:
                data = {"email": address, "channels": ["mint-update"], "consent": True}
                response = visitor.post("/api/subscriptions", data, content_type="application/json")
                answers[kind] = (response.status_code, response.content)
        queries[kind] = [query["sql"].split(" ")[0] for query in captured.captured_queries]
        queued[kind] = OrmQ.objects.count() - before
    assert len(set(answers.values())) == 1, answers
    assert len({len(sql) for sql in queries.values()}) == 1, {kind: len(sql) for kind, sql in queries.items()}
    assert len({tuple(sql) for sql in queries.values()}) == 1
    assert set(queued.values()) == {1}, "the mail work goes to the queue in every case"

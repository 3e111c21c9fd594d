"""Pages announce themselves: published, unpublished and deleted, with the tags a front end revalidates on."""

from wagtail.models import Page

from page_types.models import WebhookDelivery
from tests.factories import make_news, make_offer
from tests.page_types.webhooks.receiver import verify

# What a page message may say: nothing about authors, editors or any other person.
PAGE_DATA_KEYS = {"id", "type", "locale", "title", "html_path", "html_url", "parent_path", "tags"}


def received(receiver, endpoint) -> list[dict]:
    return [verify(endpoint.secret, message.headers, message.body) for message in receiver.received]


def test_unpublishing_announces_the_page_with_its_places_and_topics(
    site, endpoint, receiver, worker, django_capture_on_commit_callbacks
):
    news = make_news(site["news"], "Gewerbegebiet", municipalities=["asperg"], topics=["raum"])
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    [payload] = received(receiver, endpoint)
    assert payload["type"] == "page.unpublished"
    assert set(payload["data"]) == PAGE_DATA_KEYS
    assert payload["data"]["type"] == "page_types.InternalNewsPage"
    assert {"municipality:asperg", "topic:raum", "type:page_types.InternalNewsPage"} <= set(
        payload["data"]["tags"]
    )


def test_deleting_a_subtree_announces_every_live_page_in_it_once(
    site, endpoint, receiver, worker, django_capture_on_commit_callbacks
):
    first = make_offer(site["mint"], "Erstes Angebot")
    second = make_offer(site["mint"], "Zweites Angebot")
    draft = site["mint"].add_child(
        instance=type(first)(title="Entwurf", teaser="t", kind="workshop", live=False)
    )
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=site["mint"].pk).delete()
    payloads = received(receiver, endpoint)
    live = sorted([site["mint"].pk, first.pk, second.pk])
    # Wagtail unpublishes each live page it deletes: a receiver hears both.
    for event in ("page.unpublished", "page.deleted"):
        assert sorted(payload["data"]["id"] for payload in payloads if payload["type"] == event) == live
    assert len(payloads) == 6 and draft.pk not in {payload["data"]["id"] for payload in payloads}
    deleted = next(p for p in payloads if p["type"] == "page.deleted" and p["data"]["id"] == first.pk)
    assert deleted["data"]["html_path"] == "/mint/erstes-angebot/"
    assert f"parent:{site['mint'].pk}" in deleted["data"]["tags"]


def test_publishing_without_any_endpoint_logs_nothing(site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(site["mint"])
    assert not WebhookDelivery.objects.exists()

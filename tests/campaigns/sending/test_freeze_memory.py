"""Freezing holds no more per recipient than it must: equal facets are one object, and deliveries are
inserted a chunk at a time instead of being built for the whole campaign first."""

from unittest import mock

from campaigns.models import Delivery, Subscriber
from campaigns.rendering.variants import readers
from campaigns.sending import control, freeze
from tests.campaigns.engine import make_reader


def test_readers_with_equal_facets_share_one_object(newsletter):
    first = make_reader(
        newsletter.channel, "eins@example.org", municipality="asperg", subjects=["informatik"]
    )
    second = make_reader(
        newsletter.channel, "zwei@example.org", municipality="asperg", subjects=["informatik"]
    )

    facets = readers(Subscriber.objects.filter(pk__in=[first.pk, second.pk]))

    assert facets[first.pk] == facets[second.pk]
    assert facets[first.pk] is facets[second.pk]


def test_deliveries_are_inserted_a_chunk_at_a_time(newsletter, monkeypatch):
    monkeypatch.setattr(freeze, "INSERT_BATCH", 3)
    manager = type(Delivery.objects)
    inserted = []
    original = manager.bulk_create

    def counting(self, objs, *args, **kwargs):
        objs = list(objs)
        if self.model is Delivery:
            inserted.append(len(objs))
        return original(self, objs, *args, **kwargs)

    control.begin(newsletter.campaign.pk)
    with mock.patch.object(manager, "bulk_create", counting):
        created = freeze.prepare(newsletter.campaign.pk)

    assert created == len(newsletter.readers) == sum(inserted) == 4
    assert max(inserted) == 3

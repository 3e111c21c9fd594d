"""Claims: every queued delivery goes to exactly one worker, also when workers claim at the same time."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from campaigns.models import Delivery
from campaigns.sending import claim, control, freeze, sweeper
from tests.campaigns.engine import make_reader


def prepared(newsletter, readers: int = 0) -> int:
    for number in range(readers):
        make_reader(newsletter.channel, f"leser{number}@example.org")
    control.begin(newsletter.campaign.pk)
    freeze.prepare(newsletter.campaign.pk)
    return Delivery.objects.filter(campaign=newsletter.campaign, status=Delivery.Status.QUEUED).count()


def claimed_ids(token: str) -> set[int]:
    return set(Delivery.objects.filter(lease_token=token).values_list("pk", flat=True))


def test_claims_take_disjoint_deliveries_until_none_are_left(newsletter):
    total = prepared(newsletter)
    first, second = claim.claim(newsletter.campaign.pk, 3), claim.claim(newsletter.campaign.pk, 3)
    assert len(claimed_ids(first)) == 3 and len(claimed_ids(second)) == total - 3
    assert not claimed_ids(first) & claimed_ids(second)
    assert claim.claim(newsletter.campaign.pk, 3) is None
    # A claim is no attempt: nothing was handed to a server yet.
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {0}


def test_expired_leases_are_queued_again_by_the_sweeper(newsletter):
    prepared(newsletter)
    token = claim.claim(newsletter.campaign.pk, 2)
    Delivery.objects.filter(lease_token=token).update(claimed_until=timezone.now() - timedelta(seconds=1))

    assert sweeper.sweep().requeued == 2
    assert Delivery.objects.filter(status=Delivery.Status.SENDING).count() == 0
    assert claim.claim(newsletter.campaign.pk, 10) is not None


def test_a_live_lease_is_left_alone(newsletter):
    prepared(newsletter)
    claim.claim(newsletter.campaign.pk, 2)
    assert sweeper.sweep().requeued == 0
    assert Delivery.objects.filter(status=Delivery.Status.SENDING).count() == 2


@pytest.mark.on_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_workers_never_claim_the_same_delivery(newsletter):
    total = prepared(newsletter, readers=200)
    tokens: list[list[str]] = [[], [], [], []]
    barrier = threading.Barrier(len(tokens))

    def worker(mine: list[str]) -> None:
        barrier.wait()
        try:
            while token := claim.claim(newsletter.campaign.pk, 7):
                mine.append(token)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(mine,)) for mine in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    per_token = [claimed_ids(token) for mine in tokens for token in mine]
    assert sum(len(ids) for ids in per_token) == total
    assert len(set().union(*per_token)) == total
    assert sum(1 for mine in tokens if mine) > 1, "the workers did not overlap"

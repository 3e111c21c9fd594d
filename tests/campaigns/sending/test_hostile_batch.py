"""One reader's bad data never harms another's delivery: hostile addresses and names, as an old import or a
bug elsewhere could have stored them, mixed into a batch sent to a real SMTP server on loopback.

Whatever hypothesis puts in the way — local parts plain SMTP cannot carry, control and right-to-left
characters, quotes, overlong names — every ordinary reader gets the issue exactly once, the issue ends sent,
and each hostile delivery ends sent or failed, never stuck.
"""

import itertools

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from campaigns.models import Campaign, Delivery, Subscription
from campaigns.sending.inline import send_inline
from tests.campaigns.engine import make_campaign, make_reader

SPACE_AND_CONTROL = ("Cs", "Cc", "Zs", "Zl", "Zp")
local_parts = st.text(
    st.characters(blacklist_categories=SPACE_AND_CONTROL, blacklist_characters="@"), min_size=1, max_size=40
)
names = st.text(st.characters(blacklist_characters="\x00"), max_size=120)
hostile_readers = st.lists(st.tuples(local_parts, names), min_size=1, max_size=4)
examples = itertools.count()


@hypothesis_settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(hostile=hostile_readers)
def test_every_other_reader_gets_the_issue_exactly_once(newsletter, smtp_sink, hostile):
    example = next(examples)
    added = [
        make_reader(newsletter.channel, f"h{example}x{number}{local}@example.org", name=name)
        for number, (local, name) in enumerate(hostile)
    ]
    smtp_sink.handler.messages.clear()
    campaign = send_inline(make_campaign(newsletter.channel).pk)

    assert campaign.status == Campaign.Status.SENT
    for reader in newsletter.readers.values():
        assert len(smtp_sink.handler.to(reader.email)) == 1, reader.email
    statuses = set(
        Delivery.objects.filter(campaign=campaign, subscriber__in=added).values_list("status", flat=True)
    )
    assert statuses <= {Delivery.Status.SENT, Delivery.Status.FAILED}
    Subscription.objects.filter(subscriber__in=added).update(status=Subscription.Status.UNSUBSCRIBED)

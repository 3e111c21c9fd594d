"""Workers that send the same welcome mail at the same moment send it once (PostgreSQL, real concurrency)."""

import pytest

from campaigns.welcome.sending import queue_welcome, send_welcome
from tests.campaigns.welcome.mailbox import welcomes
from tests.concurrency import at_once


@pytest.mark.on_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_sending_the_same_welcome_at_once_send_it_once(newsletter, smtp_sink):
    welcome = queue_welcome(newsletter.readers["teacher"].subscriptions.get())
    results = at_once(lambda: send_welcome(welcome.pk), workers=4)

    assert sorted(results) == [False, False, False, True]
    assert len(welcomes(smtp_sink, "lehrerin@example.org")) == 1

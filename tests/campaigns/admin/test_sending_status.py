"""The admin's "Versand-Status" (under Berichte): whether the workers are alive, what is being sent and the
last error — for campaign managers only."""

import uuid

from django.urls import reverse
from django.utils import timezone
from django_q.models import Task

from campaigns.models import Campaign, Delivery
from campaigns.sending.status import SWEEP_TASK


def heartbeat(minutes_ago: float = 0) -> None:
    """A sweep the cluster finished ``minutes_ago``."""
    stopped = timezone.now() - timezone.timedelta(minutes=minutes_ago)
    Task.objects.create(
        id=uuid.uuid4().hex, name="sweep", func=SWEEP_TASK, started=stopped, stopped=stopped, success=True
    )


def test_the_sending_status_page(newsletter, manager, client, django_user_model):
    url = reverse("campaigns_sending_status")
    page = client.get(url).content.decode()
    assert "Kein Worker hat sich je gemeldet" in page

    heartbeat(minutes_ago=1)
    Campaign.objects.filter(pk=newsletter.campaign.pk).update(
        status=Campaign.Status.SENDING, paused=True, error="Automatisch angehalten: 20 Zustellungen …"
    )
    page = client.get(url).content.decode()
    assert "Die Worker laufen" in page
    assert newsletter.campaign.subject in page and "angehalten" in page
    assert "Automatisch angehalten: 20 Zustellungen" in page
    assert str(Delivery.Status.SENT.label) in page

    editor = django_user_model.objects.create_user("redaktion", password="pw")
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)

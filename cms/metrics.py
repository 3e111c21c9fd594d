"""``/metrics/``: the installation's figures in Prometheus' text format, for a monitoring system.

Protected by ``METRICS_TOKEN`` (``Authorization: Bearer <token>``); without a token configured the endpoint
does not exist (404). The figures come from ``campaigns.sending.status`` — the same the admin's
"Versand-Status" shows — and are cheap aggregate queries, fine for a scrape every 30 seconds.
"""

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from campaigns.sending.status import SendingStatus, sending_status

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    token = getattr(settings, "METRICS_TOKEN", "")
    if not token:
        raise Http404
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(sending_status()), content_type=CONTENT_TYPE)


def exposition(status: SendingStatus) -> str:
    """The figures as Prometheus text exposition (format 0.0.4)."""
    lines: list[str] = []

    def metric(name: str, kind: str, help_text: str, samples: list[tuple[str, float]]) -> None:
        lines.extend([f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"])
        lines.extend(f"{name}{labels} {value:g}" for labels, value in samples)

    metric(
        "leuchtturm_deliveries",
        "gauge",
        "Deliveries by status.",
        [(f'{{status="{state}"}}', count) for state, count in status.deliveries.items()],
    )
    metric(
        "leuchtturm_delivery_queue_age_seconds",
        "gauge",
        "How long the oldest due delivery of an issue being sent has waited.",
        [("", status.oldest_due_seconds)],
    )
    metric(
        "leuchtturm_send_rate",
        "gauge",
        "Messages sent per second over the last five minutes.",
        [("", status.sent_per_second)],
    )
    metric("leuchtturm_bounces", "gauge", "Addresses suppressed after a hard bounce.", [("", status.bounces)])
    metric(
        "leuchtturm_complaints", "gauge", "Addresses suppressed after a complaint.", [("", status.complaints)]
    )
    metric(
        "leuchtturm_task_queue_length", "gauge", "Tasks waiting for a worker.", [("", status.queued_tasks)]
    )
    metric(
        "leuchtturm_campaigns_sending",
        "gauge",
        "Issues being sent, and of them paused.",
        [
            ('{paused="false"}', sum(not campaign.paused for campaign in status.sending)),
            ('{paused="true"}', sum(campaign.paused for campaign in status.sending)),
        ],
    )
    metric(
        "leuchtturm_workers_up",
        "gauge",
        "1 while the cluster's heartbeat (the sweeper's last success) is recent.",
        [("", 1 if status.workers_alive else 0)],
    )
    if status.heartbeat is not None:
        metric(
            "leuchtturm_worker_heartbeat_timestamp_seconds",
            "gauge",
            "When the sweeper last succeeded.",
            [("", status.heartbeat.timestamp())],
        )
    return "\n".join(lines) + "\n"

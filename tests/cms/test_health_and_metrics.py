"""What an operator's monitoring sees: ``/health/`` answers for the database and the cache, ``/metrics/``
gives the sending figures in Prometheus' text format behind a token."""

from campaigns.sending.inline import send_inline
from tests.campaigns.admin.test_sending_status import heartbeat

BROKEN_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def samples(text: str) -> dict[str, float]:
    return {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line and line[0] != "#"
    }


def test_health_answers_for_database_and_cache(db, client, settings):
    response = client.get("/health/")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    settings.CACHES = BROKEN_CACHE
    response = client.get("/health/")
    assert (response.status_code, response.json()["cache"], response.json()["database"]) == (
        503,
        "error",
        "ok",
    )


def test_metrics_need_the_token(db, client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics/").status_code == 404
    settings.METRICS_TOKEN = "geheim-und-lang-genug"
    assert client.get("/metrics/").status_code == 401
    assert client.get("/metrics/", HTTP_AUTHORIZATION="Bearer falsch").status_code == 401
    response = client.get("/metrics/", HTTP_AUTHORIZATION="Bearer geheim-und-lang-genug")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain; version=0.0.4")


def test_metrics_count_deliveries_and_see_the_workers(newsletter, smtp_sink, client, settings):
    settings.METRICS_TOKEN = "geheim-und-lang-genug"
    smtp_sink.handler.reject[newsletter.readers["asperg"].email] = "550 5.1.1 Unbekannt"
    send_inline(newsletter.campaign.pk)

    def scrape() -> dict[str, float]:
        return samples(
            client.get("/metrics/", HTTP_AUTHORIZATION="Bearer geheim-und-lang-genug").content.decode()
        )

    figures = scrape()
    assert figures['leuchtturm_deliveries{status="sent"}'] == 3
    assert figures['leuchtturm_deliveries{status="failed"}'] == 1
    assert figures["leuchtturm_bounces"] == 1 and figures["leuchtturm_complaints"] == 0
    assert figures["leuchtturm_send_rate"] == 3 / 300
    assert figures["leuchtturm_workers_up"] == 0
    heartbeat(minutes_ago=1)
    assert scrape()["leuchtturm_workers_up"] == 1

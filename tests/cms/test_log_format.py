"""Logs an operator can read by machine: with ``LOG_FORMAT=json`` one JSON object per line with level, logger,
message, the request id of a web request and the campaign id where the engine names one."""

import json
import logging

import pytest

from cms.log_format import JsonFormatter
from cms.request_id import RequestIdFilter
from tests.processes import production_env, run_django


def record(**extra) -> logging.LogRecord:
    entry = logging.LogRecord("campaigns.sending.streak", logging.ERROR, __file__, 1, "paused %s", (7,), None)
    entry.__dict__.update(extra)
    return entry


def test_a_line_holds_level_logger_message_and_context():
    line = json.loads(JsonFormatter().format(record(campaign_id=7, request_id="")))
    assert line["level"] == "ERROR" and line["logger"] == "campaigns.sending.streak"
    assert line["message"] == "paused 7" and line["campaign_id"] == 7
    assert "request_id" not in line and line["time"].endswith("+00:00")


def test_the_request_id_comes_from_the_proxy_or_is_made(db, client, caplog):
    given = client.get("/api/health/", HTTP_X_REQUEST_ID="nginx-4f2a9c1e")
    assert given["X-Request-ID"] == "nginx-4f2a9c1e"
    made = client.get("/api/health/", HTTP_X_REQUEST_ID="<script>")
    assert len(made["X-Request-ID"]) == 32 and made["X-Request-ID"].isalnum()

    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/gibt-es-nicht/", HTTP_X_REQUEST_ID="nginx-0000beef")
    logged = [entry for entry in caplog.records if entry.name == "django.request"]
    assert logged and RequestIdFilter().filter(logged[-1])
    assert logged[-1].request_id == "nginx-0000beef"


@pytest.mark.once
def test_log_format_json_configures_the_console(tmp_path):
    code = (
        "import logging\n"
        "logging.getLogger('campaigns.tasks').warning('Hallo %s', 'Welt', extra={'campaign_id': 3})"
    )
    completed = run_django(
        code, production_env(tmp_path, DEBUG="0", LOG_FORMAT="json", ADMINS="it@example.org")
    )
    assert completed.returncode == 0, completed.stderr
    [line] = [json.loads(line) for line in completed.stderr.splitlines() if line.startswith("{")]
    assert (line["message"], line["campaign_id"], line["level"]) == ("Hallo Welt", 3, "WARNING")

"""Log lines as JSON (``LOG_FORMAT=json``), one object per line, for a log collector.

Each line has the time (UTC, ISO 8601), level, logger and message; ``request_id`` inside a web request, and
``campaign_id`` where the sending engine names the issue (``extra={"campaign_id": …}``), and the traceback
of an exception.
"""

import json
import logging
from datetime import UTC, datetime

CONTEXT_FIELDS = ("request_id", "campaign_id")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if value not in (None, ""):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)

"""The configuration table: every environment variable the code reads, with its type, default and meaning.

It is generated, not written, so that it cannot drift (``manage.py configuration_table`` writes
``docs/CONFIGURATION.md``; a test fails when the file and the code disagree). Type and default come from
the code itself: the host's calls of the ``cms.env`` readers (found in the source, so variables read only
in production count as well) and the plugins' ``AppSetting`` declarations, which carry their own meaning.
The host's meanings are the one thing stated here.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

from campaigns import app_settings as campaigns_settings
from page_types import app_settings as page_types_settings
from page_types.conf import AppSetting, declared_settings

HOST_DIR = Path(__file__).resolve().parent
READERS = {
    "env_str": "text",
    "env_bool": "boolean",
    "env_int": "integer",
    "env_float": "number",
    "env_list": "comma-separated list",
    "env_mapping": "comma-separated `key=value` pairs",
    "env_prefixed": "one variable per key",
    "env_origin_patterns": "comma-separated origin patterns",
}
BOOLEAN_SPELLINGS = "`1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`"


@dataclass(frozen=True)
class Variable:
    name: str
    kind: str
    default: str
    meaning: str


# What each variable the host reads is for; type and default come from the code.
MEANINGS = {
    "DEBUG": "Development mode. Off in production, where the checks of `cms/checks.py` refuse unsafe "
    "defaults.",
    "SECRET_KEY": "Django's signing key: at least 32 random characters with `DEBUG` off (generated into "
    "`var/secret_key` in development).",
    "ALLOWED_HOSTS": "Host names the site answers to.",
    "CSRF_TRUSTED_ORIGINS": "Origins (`https://…`) trusted for form posts behind a proxy.",
    "LEUCHTTURM_VAR_DIR": "Directory for the development database, secret key, mail files and media.",
    "DATABASE_URL": "The database, e.g. `postgres://user:pass@db:5432/leuchtturm`; SQLite only in "
    "development or with `ALLOW_SQLITE_IN_PRODUCTION`.",
    "DATABASE_CONN_MAX_AGE": "Seconds to keep database connections open.",
    "ALLOW_SQLITE_IN_PRODUCTION": "A single-machine installation on SQLite on purpose (check `cms.E001`).",
    "REDIS_URL": "Redis for the shared cache (login throttle, sign-up limits, feeds) and, with "
    "`Q_BROKER=redis`, for django-q2. Required with `DEBUG` off (check `cms.E002`).",
    "REDIS_KEY_PREFIX": "Prefix of every cache key and name of the django-q2 cluster: different per "
    "installation sharing one Redis, the same on all hosts of one installation.",
    "STATIC_ROOT": "Where `collectstatic` puts static files (served by WhiteNoise).",
    "MEDIA_ROOT": "Where uploaded images and their renditions are stored without a bucket.",
    "PRIVATE_MEDIA_ROOT": "Where uploaded documents are stored without a bucket; only Wagtail's document "
    "view serves them.",
    "AWS_STORAGE_BUCKET_NAME": "Stores uploads in this S3-compatible bucket (needs the `s3` extra).",
    "AWS_S3_ENDPOINT_URL": "Endpoint of a non-AWS S3-compatible service; unset for AWS.",
    "AWS_S3_REGION_NAME": "Region of the bucket.",
    "AWS_S3_CUSTOM_DOMAIN": "Public host name (CDN) serving the bucket's images.",
    "EMAIL_BACKEND": "Django mail backend: `django.core.mail.backends.smtp.EmailBackend` or an "
    "`anymail.backends.<esp>.EmailBackend`. One that delivers nothing is refused with `DEBUG` off.",
    "EMAIL_HOST": "SMTP server.",
    "EMAIL_PORT": "SMTP port.",
    "EMAIL_HOST_USER": "SMTP user.",
    "EMAIL_HOST_PASSWORD": "SMTP password.",
    "EMAIL_USE_TLS": "STARTTLS for SMTP.",
    "EMAIL_TIMEOUT": "Seconds before an SMTP connection attempt fails.",
    "DEFAULT_FROM_EMAIL": "Sender of newsletters, confirmation and operator mails; not at `localhost` with "
    "`DEBUG` off.",
    "ANYMAIL_": "django-anymail settings: `ANYMAIL_POSTMARK_SERVER_TOKEN` becomes "
    '`ANYMAIL["POSTMARK_SERVER_TOKEN"]`; `true`/`false` are booleans, `{…}`/`[…]` JSON. '
    "`ANYMAIL_WEBHOOK_SECRET` (`user:password`) is required with `DEBUG` off while ESP webhooks are mounted.",
    "DATA_PROTECTION_CONTACT_NAME": "Name or office of the data-protection officer, named on the privacy "
    'page ("Ihre Rechte") when `bootstrap_site` or `load_demo` creates it.',
    "DATA_PROTECTION_CONTACT_EMAIL": "E-mail address of the data-protection officer, on the privacy page.",
    "DATA_PROTECTION_CONTACT_ADDRESS": "Postal address of the data-protection officer, on the privacy page.",
    "WAGTAILADMIN_BASE_URL": "Public base URL of the site and its admin: the admin's mails, and unless "
    "`PAGE_TYPES_PUBLIC_BASE_URL` says otherwise every absolute URL of the API, the feeds and the mails; not "
    "on this machine with `DEBUG` off. Canonical links, the sitemap and structured data take the Wagtail "
    "site record's host instead (`bootstrap_site` sets it from this URL).",
    "HEADLESS_PREVIEW_URL": "The external front end that shows drafts; unset: the site's own preview only.",
    "HEADLESS_PREVIEW_SITE_URLS": "Front ends per site host name (`host=url`), besides the default.",
    "CORS_ALLOWED_ORIGINS": "Origins of front ends allowed to call `/api/` and the JSON Feeds.",
    "CORS_ALLOWED_ORIGIN_PATTERNS": "Origins where `*` stands for one or more host-name labels, e.g. "
    "`https://*.ludwigsburg.example` for every municipal site (not the bare domain, no other scheme or "
    "port).",
    "TRUSTED_PROXIES": "Reverse proxies appending to `X-Forwarded-For`; only above 0 is "
    "`X-Forwarded-Proto: https` believed. Set it behind a proxy.",
    "Q_TIMEOUT": "Seconds a task may run; re-delivery is 60 s later, so a running task is never handed out "
    "twice.",
    "Q_WORKERS": "Worker processes per `qcluster`.",
    "Q_MAX_ATTEMPTS": "Attempts of a failing task before it is given up.",
    "Q_BROKER": "django-q2 broker: `orm` (the database) or `redis` (needs `REDIS_URL`).",
    "Q_POLL": "Seconds between polls of the ORM broker.",
    "LOG_LEVEL": "Root log level.",
    "LOG_FORMAT": "`text` for a terminal, `json` for one JSON object per line (time, level, logger, message, "
    "request id, campaign id) for a log collector.",
    "METRICS_TOKEN": "Bearer token for `/metrics/` (Prometheus text format); unset: no `/metrics/`.",
    "ADMINS": "Addresses that get Django's error mails (a 500 with its traceback).",
    "SECURE_COOKIES": "Session and CSRF cookies over HTTPS only (read with `DEBUG` off).",
    "SECURE_HSTS_SECONDS": "`Strict-Transport-Security` max-age; set it once HTTPS works everywhere.",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "Add `includeSubDomains` to HSTS.",
    "SECURE_HSTS_PRELOAD": "Add `preload` to HSTS.",
    "SECURE_SSL_REDIRECT": "Redirect HTTP to HTTPS in Django (usually the proxy does).",
    "SILENCED_SYSTEM_CHECKS": "Ids of system checks silenced on purpose, e.g. `cms.E002`.",
    "CSP_FRAME_ORIGINS": "Foreign origins the Content Security Policy allows in frames.",
}

# Read by libraries, not through ``cms.env``: stated here because the code holds nothing to find.
LIBRARY_VARIABLES = [
    Variable(
        "AWS_ACCESS_KEY_ID",
        "text",
        "empty",
        "Key for the bucket, read by boto3 (and by SES through anymail).",
    ),
    Variable("AWS_SECRET_ACCESS_KEY", "text", "empty", "Secret of that key, read by boto3."),
]


def _calls(path: Path) -> list[tuple[ast.Call, ast.AST | None]]:
    """The calls of a ``cms.env`` reader in the module, each with the expression after ``or`` if any."""
    tree = ast.parse(path.read_text(), filename=str(path))
    fallbacks = {
        id(node.values[0]): node.values[1]
        for node in ast.walk(tree)
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or)
    }
    return [
        (node, fallbacks.get(id(node)))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in READERS
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def _default(call: ast.Call, fallback: ast.AST | None) -> str:
    """The default as Markdown: the expression the code falls back to."""
    if fallback is not None:
        code = ast.unparse(fallback)
    elif len(call.args) > 1:
        code = ast.unparse(call.args[1])
    else:
        code = {"env_bool": "False", "env_int": "0"}.get(call.func.id, "")
    return f"`{code}`" if code not in ("", "''", "[]", "None") else "empty"


def host_variables() -> list[Variable]:
    """The variables the host reads through ``cms.env``, in order of their first reading."""
    found: dict[str, Variable] = {}
    for path in sorted(HOST_DIR.glob("*.py"), key=lambda path: (path.name != "settings.py", path.name)):
        for call, fallback in sorted(_calls(path), key=lambda item: item[0].lineno):
            name = call.args[0].value
            kind = READERS[call.func.id]
            if name not in found:
                found[name] = Variable(name, kind, _default(call, fallback), MEANINGS.get(name, ""))
    return list(found.values())


def plugin_variables() -> list[Variable]:
    """The plugins' settings, which the host takes from variables of the same name."""
    return [
        _from_declaration(setting) for setting in declared_settings(campaigns_settings, page_types_settings)
    ]


def _from_declaration(setting: AppSetting) -> Variable:
    kind = {int: "integer", float: "number", bool: "boolean", str: "text"}[setting.kind]
    if setting.unit is not None:
        kind += f" ({_unit_name(setting)})"
    default = _markdown(setting.default_text) if callable(setting.default) else f"`{setting.default_text}`"
    return Variable(setting.name, kind, default, _markdown(setting.help))


def _markdown(text: str) -> str:
    """reStructuredText literals (as in docstrings and help texts) as Markdown, on one line."""
    return " ".join(text.replace("``", "`").split())


def _unit_name(setting: AppSetting) -> str:
    seconds = setting.unit.total_seconds()
    return {1: "seconds", 86400: "days"}.get(int(seconds), f"× {seconds:g} s")


def table() -> str:
    """``docs/CONFIGURATION.md``: the Markdown page of every variable."""
    lines = [
        "# Configuration",
        "",
        "<!-- Generated by `manage.py configuration_table` (or `make configuration`) from cms/settings.py,",
        "cms/configuration.py and the plugins' app_settings.py; do not edit by hand. -->",
        "",
        "Leuchtturm reads its configuration from environment variables only. A value of the wrong type stops",
        "every process at start with an error naming the variable. Booleans are written "
        + BOOLEAN_SPELLINGS
        + ";",
        "lists are comma-separated; an empty variable counts as unset. With `DEBUG` off the system checks of",
        "`cms/checks.py` refuse the development defaults (docs/OPERATIONS.md, section 2).",
        "",
        "## The host",
        "",
        *_rows(host_variables() + LIBRARY_VARIABLES),
        "",
        "## The plugins (`CAMPAIGNS_…`, `PAGE_TYPES_…`)",
        "",
        "Declared with their bounds in `campaigns/app_settings.py` and `page_types/app_settings.py`; a",
        "variable of the same name sets each. A value outside the bounds is held to them.",
        "",
        *_rows(plugin_variables()),
        "",
    ]
    return "\n".join(lines)


def _rows(variables: list[Variable]) -> list[str]:
    rows = ["| variable | type | default | meaning |", "| --- | --- | --- | --- |"]
    for variable in variables:
        name = f"`{variable.name}…`" if variable.name.endswith("_") else f"`{variable.name}`"
        cells = [name, variable.kind, variable.default or "empty", variable.meaning]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return rows

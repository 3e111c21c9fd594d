"""Typed readers for environment variables.

Settings are configured by the environment only (twelve-factor); these helpers keep the parsing rules
(what counts as true, how lists are split) in one place so that every variable behaves alike, and a value
of the wrong type stops the start with an error that names the variable. ``docs/CONFIGURATION.md`` lists
every variable read through them (``cms.configuration`` finds the calls).
"""

import json
import os
import re
from collections.abc import Iterable
from typing import Any

from page_types.conf import AppSetting

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return the variable's value with surrounding whitespace removed, or ``default``."""
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    """Return the variable as a boolean; unknown spellings are an error rather than a silent guess."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ValueError(f"{name} must be one of {sorted(TRUE_VALUES | FALSE_VALUES)}, not {raw!r}")


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer, or ``default`` when unset."""
    raw = os.environ.get(name, "").strip()
    return _parse(name, int, raw) if raw else default


def env_float(name: str, default: float) -> float:
    """Return the variable as a float, or ``default`` when unset."""
    raw = os.environ.get(name, "").strip()
    return _parse(name, float, raw) if raw else default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Return a comma-separated variable as a list without empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_mapping(name: str) -> dict[str, str]:
    """Return a comma-separated list of ``key=value`` pairs as a dictionary (``a=https://x,b=https://y``)."""
    pairs = (item.partition("=") for item in env_list(name))
    return {key.strip(): value.strip() for key, _sep, value in pairs if key.strip() and value.strip()}


def origin_pattern(pattern: str) -> str:
    """A regular expression for an origin in which ``*`` stands for one or more host-name labels.

    ``https://*.ludwigsburg.example`` matches ``https://www.asperg.ludwigsburg.example`` but neither
    ``https://ludwigsburg.example`` nor ``https://ludwigsburg.example.evil.example`` nor another scheme or
    port.
    """
    labels = r"(?:[a-z0-9-]+\.)*[a-z0-9-]+"
    return "^" + re.escape(pattern.lower().rstrip("/")).replace(r"\*", labels) + "$"


def env_origin_patterns(name: str) -> list[str]:
    """A comma-separated variable of origin patterns as regular expressions (see ``origin_pattern``)."""
    return [origin_pattern(pattern) for pattern in env_list(name)]


def env_prefixed(prefix: str) -> dict[str, Any]:
    """All variables starting with ``prefix``, keyed by the rest of their name (for settings dictionaries
    whose keys a library defines, such as django-anymail's ``ANYMAIL``); values are typed by
    ``env_literal``."""
    return {
        name.removeprefix(prefix): env_literal(name)
        for name in os.environ
        if name.startswith(prefix) and len(name) > len(prefix)
    }


def env_literal(name: str) -> Any:
    """The variable as a boolean when it says ``true`` or ``false`` (any case), as the JSON object or array
    it spells when it starts with ``{`` or ``[`` (an error naming the variable if that is not valid JSON),
    else as text — so ``ANYMAIL_IGNORE_UNSUPPORTED_FEATURES=false`` is false, not a true string, while keys
    and tokens that happen to look like numbers stay text."""
    raw = os.environ.get(name, "").strip()
    if raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    if raw.startswith(("{", "[")):
        try:
            return json.loads(raw)
        except ValueError:
            raise ValueError(f"{name} must be valid JSON, not {raw!r}") from None
    return raw


def _parse(name: str, kind: type, raw: str) -> Any:
    if kind is bool:
        return env_bool(name)
    if kind is str:
        return raw.strip()
    try:
        return kind(raw.strip())
    except ValueError:
        raise ValueError(f"{name} must be a number ({kind.__name__}), not {raw!r}") from None


def app_settings_from_environment(declarations: Iterable[AppSetting]) -> dict[str, Any]:
    """The plugin settings that the environment gives, parsed by their declared type; an empty variable
    leaves the plugin's default in place."""
    return {
        setting.name: _parse(setting.name, setting.kind, os.environ[setting.name])
        for setting in declarations
        if os.environ.get(setting.name, "").strip()
    }

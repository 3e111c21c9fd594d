"""Declared app settings: each plugin setting's name, type, default, bounds and meaning, stated once.

A plugin reads a setting by calling its ``AppSetting`` (``app_settings.batch_size()``): the Django setting if
the host defines it, else the declared default, held to its bounds. Each call reads ``django.conf.settings``,
so ``override_settings`` takes effect at once. Because a declaration knows its type, a host can fill the
settings from the environment and list them all in one table without stating a default a second time
(``cms.env.app_settings_from_environment``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings

Bound = float | Callable[[], float] | None


def _resolve(value: Any) -> Any:
    return value() if callable(value) else value


@dataclass(frozen=True)
class AppSetting:
    """One setting of a plugin, read from the Django setting ``name``.

    ``kind`` is ``int``, ``float``, ``bool`` or ``str``; an empty string, like ``None``, means "not set".
    ``default`` may be a callable (with a docstring, which the configuration table shows) when it derives
    from other settings. ``unit`` turns a number into a ``timedelta`` (``unit=timedelta(days=1)``).
    """

    name: str
    kind: type
    default: Any
    help: str
    minimum: Bound = None
    maximum: Bound = None
    unit: timedelta | None = None

    def __call__(self) -> Any:
        value = getattr(settings, self.name, None)
        if value is None or value == "":
            value = _resolve(self.default)
        value = self.kind(value)
        if (minimum := _resolve(self.minimum)) is not None:
            value = max(value, minimum)
        if (maximum := _resolve(self.maximum)) is not None:
            value = min(value, maximum)
        return value * self.unit if self.unit is not None else value

    @property
    def default_text(self) -> str:
        """The default as the configuration table states it."""
        if isinstance(self.default, AppSetting):  # the value of another setting
            return f"``{self.default.name}``"
        if callable(self.default):
            return (self.default.__doc__ or "").strip()
        return repr(self.default) if self.kind is str else str(self.default)


def declared_settings(*modules: Any) -> list[AppSetting]:
    """The ``AppSetting`` declarations of the given modules, in their order of definition."""
    return [value for module in modules for value in vars(module).values() if isinstance(value, AppSetting)]

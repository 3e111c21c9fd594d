"""Periodic django-q2 schedules of the campaign engine, created and removed by the migrations.

Migrations pass their ``apps`` registry, so these work with the historical ``Schedule`` model of any
migration state. Creating is idempotent and leaves an existing schedule alone, so an operator who moved
a schedule's time in the admin keeps it.
"""

from typing import Any

from django.apps.registry import Apps


def ensure_repeating(apps: Apps, name: str, func: str, **timing: Any) -> None:
    """Create the named schedule, repeating forever, unless one of that name exists."""
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=name, defaults={"func": func, "repeats": -1, **timing}
    )


def remove(apps: Apps, name: str) -> None:
    """Delete the named schedule (reversing the migration that created it)."""
    apps.get_model("django_q", "Schedule").objects.filter(name=name).delete()

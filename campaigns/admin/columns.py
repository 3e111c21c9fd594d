"""Columns of the outreach plugin's admin listings."""

from django.db.models import Model
from django.template.defaultfilters import yesno
from wagtail.admin.ui.tables import Column


def yes_no_column(model: type[Model], name: str) -> Column:
    """A boolean field shown as "Ja"/"Nein" in the admin's language; a plain column prints "True"."""
    return Column(
        name,
        label=model._meta.get_field(name).verbose_name,
        accessor=lambda instance: yesno(getattr(instance, name)),
        sort_key=name,
    )

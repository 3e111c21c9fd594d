"""A content page's reach (Reichweite): who may receive it, apart from where it happens.

The selection rule that applies it is ``ContentPageQuerySet.reaching`` (``page_types.models.querysets``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reach(models.TextChoices):
    """Who may receive a page: the whole district, or only the people of the municipalities it names."""

    DISTRICT = "district", _("Landkreis")
    LOCAL = "local", _("Nur für die genannten Kommunen")

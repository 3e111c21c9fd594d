"""The eras of the innovation timeline: its filter's choices and the years each one spans."""

from django.utils.translation import gettext_lazy as _


class Era:
    """Eras of the timeline filter, as (slug, label, first year, last year)."""

    ERAS = (
        ("bis-1870", _("Bis 1870: Handwerk und frühe Industrie"), -10_000, 1870),
        ("1871-1918", _("1871–1918: Industrialisierung"), 1871, 1918),
        ("1919-1949", _("1919–1949: Zwischen den Kriegen"), 1919, 1949),
        ("1950-1989", _("1950–1989: Wirtschaftswunder und Wandel"), 1950, 1989),
        ("seit-1990", _("Seit 1990: Globalisierung und Digitalisierung"), 1990, 10_000),
    )

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(slug, label) for slug, label, _first, _last in cls.ERAS]

    @classmethod
    def bounds(cls, slug: str) -> tuple[int, int]:
        for era_slug, _label, first, last in cls.ERAS:
            if era_slug == slug:
                return first, last
        raise KeyError(slug)

    @classmethod
    def of_year(cls, year: int) -> str:
        return next(slug for slug, _label, first, last in cls.ERAS if first <= year <= last)

"""Where the municipalities lie: their centres, the distance between two of them, and which are nearby.

The centres come from ``data/municipality-centres.csv``: approximate, entered by hand and not yet checked
against an authoritative source (the file says how to replace them). Municipalities are named by slug, as
everywhere else; a slug without a centre (a municipality an editor added) has no distance to anything and
nothing nearby.
"""

import csv
import math
from functools import cache
from pathlib import Path

from page_types.slugs import german_slug

CENTRES_FILE = Path(__file__).resolve().parent / "data" / "municipality-centres.csv"
EARTH_RADIUS_KM = 6371.0


@cache
def centres() -> dict[str, tuple[float, float]]:
    """(latitude, longitude) of each municipality's centre, by slug."""
    lines = CENTRES_FILE.read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    return {german_slug(row["name"]): (float(row["latitude"]), float(row["longitude"])) for row in rows}


@cache
def distance_km(a: str, b: str) -> float | None:
    """The great-circle distance between two municipalities' centres; ``None`` if one has no centre."""
    try:
        (lat1, lon1), (lat2, lon2) = centres()[a], centres()[b]
    except KeyError:
        return None
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    haversine = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(haversine))


@cache
def nearby(slug: str, radius_km: float) -> tuple[str, ...]:
    """The other municipalities whose centres lie within ``radius_km`` of this one's, nearest first."""
    found = [
        (distance, other)
        for other in centres()
        if other != slug and (distance := distance_km(slug, other)) is not None and distance <= radius_km
    ]
    return tuple(other for _distance, other in sorted(found))

"""Reading the schools: each one's levels, ward and distance; filters and search."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.geo import code_holding_point, ward_shapes
from hue_s.backend.models import Ward
from hue_s.modules.education.backend.levels import levels_of
from hue_s.modules.education.backend.models import SchoolRow
from hue_s.modules.education.wire import School, name_matches

EARTH_RADIUS_M = 6_371_008.8


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two WGS84 points in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


def _tag(tags: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = tags.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def school_of(session: Session, row: SchoolRow, near: tuple[float, float] | None = None) -> School:
    """Return the public view of a row, seen from `near` if given."""
    tags = row.tags
    ward_code = code_holding_point(ward_shapes(session), row.lat, row.lon)
    ward = session.get(Ward, ward_code) if ward_code else None
    street = " ".join(
        part for part in (_tag(tags, "addr:housenumber"), _tag(tags, "addr:street")) if part
    )
    osm_type, osm_id = row.id.split("-", 1)
    return School(
        id=row.id, name=row.name, levels=levels_of(row.name, row.amenity, tags),
        lat=row.lat, lon=row.lon, ward_code=ward_code,
        ward_name=ward.full_name if ward else None, address=street or None,
        phone=_tag(tags, "phone", "contact:phone"),
        website=_tag(tags, "website", "contact:website"),
        grades=_tag(tags, "grades"), operator=_tag(tags, "operator"),
        distance_m=None if near is None else round(distance_m(*near, row.lat, row.lon)),
        osm_url=f"https://www.openstreetmap.org/{osm_type}/{osm_id}",
    )  # fmt: skip


def list_schools(
    session: Session,
    *,
    level: str | None = None,
    ward: str | None = None,
    query: str | None = None,
    near: tuple[float, float] | None = None,
    limit: int = 100,
) -> list[School]:
    """Return the schools matching the filters: nearest first if `near` is given, else by name."""
    found = []
    for row in session.scalars(select(SchoolRow).order_by(SchoolRow.name)):
        if query and not name_matches(row.name, query):
            continue
        school = school_of(session, row, near)
        if (ward is None or school.ward_code == ward) and (level is None or level in school.levels):
            found.append(school)
    if near is not None:
        found.sort(key=lambda school: school.distance_m or 0.0)
    return found[:limit]

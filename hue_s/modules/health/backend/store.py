"""Reading the health places: each one's ward, hours and distance; filters and search."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.geo import code_holding_point, ward_shapes
from hue_s.backend.models import Ward
from hue_s.modules.health.backend.models import HealthPlaceRow
from hue_s.modules.health.hours import open_now
from hue_s.modules.health.wire import HealthPlace, name_matches

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


def place_of(
    session: Session, row: HealthPlaceRow, at: datetime, near: tuple[float, float] | None = None
) -> HealthPlace:
    """Return the public view of a row at a moment (open now), seen from `near` if given."""
    tags = row.tags
    ward_code = code_holding_point(ward_shapes(session), row.lat, row.lon)
    ward = session.get(Ward, ward_code) if ward_code else None
    street = " ".join(
        part for part in (_tag(tags, "addr:housenumber"), _tag(tags, "addr:street")) if part
    )
    hours = _tag(tags, "opening_hours")
    osm_type, osm_id = row.id.split("-", 1)
    return HealthPlace(
        id=row.id, name=row.name, kind=row.kind, lat=row.lat, lon=row.lon,  # type: ignore[arg-type]
        ward_code=ward_code, ward_name=ward.full_name if ward else None, address=street or None,
        phone=_tag(tags, "phone", "contact:phone"),
        website=_tag(tags, "website", "contact:website"),
        opening_hours=hours, open_now=open_now(hours, at), emergency=tags.get("emergency") == "yes",
        offers=[part.strip() for part in (_tag(tags, "healthcare:speciality") or "").split(";")
                if part.strip()],
        operator=_tag(tags, "operator"),
        distance_m=None if near is None else round(distance_m(*near, row.lat, row.lon)),
        osm_url=f"https://www.openstreetmap.org/{osm_type}/{osm_id}",
    )  # fmt: skip


def list_places(
    session: Session,
    *,
    at: datetime,
    kind: str | None = None,
    ward: str | None = None,
    query: str | None = None,
    only_open: bool = False,
    near: tuple[float, float] | None = None,
    limit: int = 100,
) -> list[HealthPlace]:
    """Return the places matching the filters: nearest first if `near` is given, else by name."""
    statement = select(HealthPlaceRow).order_by(HealthPlaceRow.name)
    if kind is not None:
        statement = statement.where(HealthPlaceRow.kind == kind)
    found = []
    for row in session.scalars(statement):
        if query and not name_matches(row.name, query):
            continue
        place = place_of(session, row, at, near)
        if (ward is None or place.ward_code == ward) and (not only_open or place.open_now):
            found.append(place)
    if near is not None:
        found.sort(key=lambda place: place.distance_m or 0.0)
    return found[:limit]

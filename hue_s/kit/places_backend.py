"""The backend's side of OpenStreetMap places: the columns of their rows, what every place
answers of its row (ward, address, contacts, distance, link), the list's filters and the
query parameters every places list takes. The app never imports this file."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Query
from sqlalchemy import JSON, Float, Select, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.geo import code_holding_point, ward_shapes
from hue_s.backend.kernel.models import Ward
from hue_s.kit.osm import element_url, name_matches
from hue_s.kit.places import OsmPlace

EARTH_RADIUS_M = 6_371_008.8
Row = TypeVar("Row", bound="OsmColumns")
Place = TypeVar("Place", bound=OsmPlace)

WardQuery = Annotated[str | None, Query(max_length=5, description="Only in this ward.")]
WordsQuery = Annotated[
    str | None, Query(max_length=100, description="Words of the name, with or without marks.")
]
LatQuery = Annotated[float | None, Query(ge=-90, le=90, description="Nearest first from here.")]
LonQuery = Annotated[float | None, Query(ge=-180, le=180)]
LimitQuery = Annotated[int, Query(ge=1, le=200)]


class OsmColumns:
    """The columns of a table of frozen OSM places; a module's table adds its own (the
    sort orders keep them where its released revision put them: id, name, its own, the rest)."""

    id: Mapped[str] = mapped_column(String(40), primary_key=True, sort_order=-1)
    name: Mapped[str] = mapped_column(String(200), sort_order=-1)
    lat: Mapped[float] = mapped_column(Float, sort_order=1)
    lon: Mapped[float] = mapped_column(Float, sort_order=1)
    tags: Mapped[dict[str, Any]] = mapped_column(JSON, sort_order=1)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two WGS84 points in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


def tag(tags: dict[str, Any], *names: str) -> str | None:
    """Return the first of these tags that has a value, stripped; None if none has."""
    for name in names:
        value = tags.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def osm_fields(
    session: Session, row: OsmColumns, near: tuple[float, float] | None = None
) -> dict[str, Any]:
    """Return what every place answers of its row (OsmPlace's fields), seen from `near`."""
    tags = row.tags
    ward_code = code_holding_point(ward_shapes(session), row.lat, row.lon)
    ward = session.get(Ward, ward_code) if ward_code else None
    street = " ".join(
        part for part in (tag(tags, "addr:housenumber"), tag(tags, "addr:street")) if part
    )
    return {
        "id": row.id, "name": row.name, "lat": row.lat, "lon": row.lon, "ward_code": ward_code,
        "ward_name": ward.full_name if ward else None, "address": street or None,
        "phone": tag(tags, "phone", "contact:phone"),
        "website": tag(tags, "website", "contact:website"), "operator": tag(tags, "operator"),
        "distance_m": None if near is None else round(distance_m(*near, row.lat, row.lon)),
        "osm_url": element_url(row.id),
    }  # fmt: skip


def matching_places(
    session: Session,
    statement: Select[Row],
    view: Callable[[Row], Place],
    keep: Callable[[Place], bool],
    *,
    query: str | None = None,
    near: tuple[float, float] | None = None,
    limit: int = 100,
) -> list[Place]:
    """Return the places of the statement's rows whose name matches `query` and that `keep`
    keeps: nearest first if `near` is given, else in the statement's order."""
    found = []
    for row in session.scalars(statement):
        if query and not name_matches(row.name, query):
            continue
        place = view(row)
        if keep(place):
            found.append(place)
    if near is not None:
        found.sort(key=lambda place: place.distance_m or 0.0)
    return found[:limit]


def near_point(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    """Return the point a list is asked from: both lat and lon, or neither (else 422)."""
    if (lat is None) != (lon is None):
        raise APIError(422, "lat_lon_together", "Give both lat and lon, or neither.")
    return (lat, lon) if lat is not None and lon is not None else None

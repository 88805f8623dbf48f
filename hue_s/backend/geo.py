"""Find which ward or commune a point lies in (shapely point-in-polygon)."""

from __future__ import annotations

import threading

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.models import Ward

NEAR_BORDER_DEGREES = 0.0003
"""A point this close (~33 m, the simplification tolerance) outside the city still matches."""

_boundaries: dict[str, BaseGeometry] = {}
"""Prepared ward boundaries by ward code: read-only reference data shared by the process."""
_boundaries_lock = threading.Lock()


def prepared_boundary(session: Session, code: str) -> BaseGeometry | None:
    """Return the ward's prepared boundary, loading and caching it on first use."""
    cached = _boundaries.get(code)
    if cached is not None:
        return cached
    geojson = session.scalar(select(Ward.boundary).where(Ward.code == code))
    if geojson is None:
        return None
    geometry = shapely.from_geojson(geojson)
    shapely.prepare(geometry)
    with _boundaries_lock:
        return _boundaries.setdefault(code, geometry)


def forget_ward_boundaries() -> None:
    """Drop the cached boundaries (call after ward boundaries change in the database)."""
    with _boundaries_lock:
        _boundaries.clear()


def candidate_codes(session: Session, lat: float, lon: float, margin: float) -> list[str]:
    """Return the codes of wards whose bounding box, grown by margin, holds the point."""
    query = (
        select(Ward.code)
        .where(Ward.min_lon - margin <= lon, Ward.max_lon + margin >= lon)
        .where(Ward.min_lat - margin <= lat, Ward.max_lat + margin >= lat)
        .order_by(Ward.code)
    )
    return list(session.scalars(query))


def code_holding_point(boundaries: dict[str, BaseGeometry], lat: float, lon: float) -> str | None:
    """Return the code of the boundary holding the point, else of one within the margin."""
    # GEOS prepared geometries are not thread-safe (libgeos/geos#825): one query at a time.
    with _boundaries_lock:
        for code, boundary in boundaries.items():
            if shapely.intersects_xy(boundary, lon, lat):
                return code
        point = shapely.Point(lon, lat)
        distances = {code: shapely.distance(b, point) for code, b in boundaries.items()}
    nearest = min(distances, key=lambda code: distances[code], default=None)
    if nearest is None or distances[nearest] > NEAR_BORDER_DEGREES:
        return None
    return nearest


def ward_for_point(session: Session, lat: float, lon: float) -> Ward | None:
    """Return the ward or commune holding a WGS84 point, or None outside the city."""
    boundaries: dict[str, BaseGeometry] = {}
    for code in candidate_codes(session, lat, lon, NEAR_BORDER_DEGREES):
        boundary = prepared_boundary(session, code)
        if boundary is not None:
            boundaries[code] = boundary
    found = code_holding_point(boundaries, lat, lon)
    return None if found is None else session.get(Ward, found)

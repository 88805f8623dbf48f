"""Find which ward or commune a point lies in (shapely point-in-polygon)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy
import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.models import Ward

NEAR_BORDER_DEGREES = 0.0003
"""A point this close (~33 m, the simplification tolerance) outside the city still matches."""


@dataclass(frozen=True)
class WardShape:
    """A ward's code, bounding box and prepared boundary."""

    code: str
    bbox: tuple[float, float, float, float]
    boundary: BaseGeometry

    def near(self, lat: float, lon: float, margin: float) -> bool:
        """Say whether the point lies in this ward's bounding box grown by `margin`."""
        min_lon, min_lat, max_lon, max_lat = self.bbox
        return (
            min_lon - margin <= lon <= max_lon + margin
            and min_lat - margin <= lat <= max_lat + margin
        )


_shapes: list[WardShape] = []
"""Every ward's prepared shape: read-only reference data, loaded once per process."""
_shapes_lock = threading.Lock()


def ward_shapes(session: Session) -> list[WardShape]:
    """Return every ward's prepared shape, loading them all on first use."""
    with _shapes_lock:
        if not _shapes:
            rows = session.execute(
                select(
                    Ward.code, Ward.min_lon, Ward.min_lat, Ward.max_lon, Ward.max_lat, Ward.boundary
                )
            )
            for code, min_lon, min_lat, max_lon, max_lat, geojson in rows:
                geometry = shapely.from_geojson(geojson)
                shapely.prepare(geometry)
                _shapes.append(WardShape(code, (min_lon, min_lat, max_lon, max_lat), geometry))
        return list(_shapes)


def forget_ward_boundaries() -> None:
    """Drop the cached boundaries (call after ward boundaries change in the database)."""
    with _shapes_lock:
        _shapes.clear()


def code_holding_point(shapes: list[WardShape], lat: float, lon: float) -> str | None:
    """Return the code of the ward holding the point, else of one within the margin."""
    candidates = [shape for shape in shapes if shape.near(lat, lon, NEAR_BORDER_DEGREES)]
    # One GEOS call for every candidate (a call per ward cost the Open311 POST, on the database
    # writer's thread, 8x the time: each call lets go of the GIL and waits to get it back).
    boundaries = numpy.array([shape.boundary for shape in candidates], dtype=object)
    # GEOS prepared geometries are not thread-safe (libgeos/geos#825): one query at a time.
    with _shapes_lock:
        holding = shapely.intersects_xy(boundaries, lon, lat) if candidates else []
        for shape, holds in zip(candidates, holding, strict=True):
            if holds:
                return shape.code
        point = shapely.Point(lon, lat)
        distances = {shape.code: shapely.distance(shape.boundary, point) for shape in candidates}
    nearest = min(distances, key=lambda code: distances[code], default=None)
    if nearest is None or distances[nearest] > NEAR_BORDER_DEGREES:
        return None
    return nearest


def ward_for_point(session: Session, lat: float, lon: float) -> Ward | None:
    """Return the ward or commune holding a WGS84 point, or None outside the city."""
    found = code_holding_point(ward_shapes(session), lat, lon)
    return None if found is None else session.get(Ward, found)

"""Alert areas as shapes: which of the city's wards they cover and whether they hold a point."""

from __future__ import annotations

import json
import math

import numpy
import shapely
from shapely.affinity import scale
from shapely.geometry.base import BaseGeometry
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.models import Ward
from hue_s.modules.alerts.backend.cap.record import CapArea, CapCircle, Ring
from hue_s.modules.alerts.wire import WARD_GEOCODE

KM_PER_DEGREE_LAT = 111.32
MIN_OVERLAP_DEGREES2 = 1e-7
"""About 1,200 m² in Huế: less overlap than this is a shared border, not coverage."""
MAX_OUTLINE_POINTS = 200
"""Points of an info's polygons in lists; more are simplified (the detail has them all)."""
OUTLINE_DECIMALS = 5
"""Degrees in a simplified outline are rounded to about a metre."""
Box = tuple[float, float, float, float]
"""(min_lat, min_lon, max_lat, max_lon)."""


def circle_shape(circle: CapCircle) -> BaseGeometry:
    """Return a circle as a lon/lat shape (an ellipse in degrees, exact enough for wards)."""
    radius_degrees = max(circle.radius_km, 0.01) / KM_PER_DEGREE_LAT
    disc = shapely.Point(circle.lon, circle.lat).buffer(radius_degrees)
    stretch = 1 / max(math.cos(math.radians(circle.lat)), 0.01)
    return scale(disc, xfact=stretch, yfact=1.0, origin=(circle.lon, circle.lat))


def area_shape(
    polygons: list[list[tuple[float, float]]], circles: list[CapCircle]
) -> BaseGeometry | None:
    """Return the union of an area's polygons and circles (lon/lat), None if it has neither."""
    parts: list[BaseGeometry] = []
    for ring in polygons:
        polygon = shapely.Polygon([(lon, lat) for lat, lon in ring])
        parts.append(polygon if polygon.is_valid else shapely.make_valid(polygon))
    parts.extend(circle_shape(circle) for circle in circles)
    if not parts:
        return None
    return shapely.union_all(parts)


def cap_area_shape(area: CapArea) -> BaseGeometry | None:
    """Return the shape of a CapArea, None if it has no polygon or circle."""
    return area_shape(area.polygons, area.circles)


def wards_touched(session: Session, shape: BaseGeometry) -> set[str]:
    """Return the codes of the city's wards that a lon/lat shape overlaps."""
    min_lon, min_lat, max_lon, max_lat = shape.bounds
    query = select(Ward.code, Ward.boundary).where(
        Ward.max_lon >= min_lon, Ward.min_lon <= max_lon,
        Ward.max_lat >= min_lat, Ward.min_lat <= max_lat,
    )  # fmt: skip
    # Unprepared shapes on purpose: GEOS prepared geometries are not thread-safe.
    return {
        code
        for code, boundary in session.execute(query)
        if overlaps_enough(shapely.from_geojson(boundary), shape)
    }


def overlaps_enough(boundary: BaseGeometry, shape: BaseGeometry) -> bool:
    """Tell whether a shape covers part of a ward, not just its border with a neighbour."""
    if not shapely.intersects(boundary, shape):
        return False
    overlap = shapely.area(shapely.intersection(boundary, shape))
    return bool(overlap > min(MIN_OVERLAP_DEGREES2, 0.5 * shapely.area(shape)))


def city_box(session: Session) -> Box | None:
    """Return the bounding box of all the city's wards, None when no ward is loaded."""
    row = session.execute(
        select(func.min(Ward.min_lat), func.min(Ward.min_lon),
               func.max(Ward.max_lat), func.max(Ward.max_lon))
    ).one()  # fmt: skip
    return None if row[0] is None else (row[0], row[1], row[2], row[3])


def boxes_meet(first: Box, second: Box) -> bool:
    """Tell whether two bounding boxes share any point."""
    return not (
        first[2] < second[0] or second[2] < first[0] or first[3] < second[1] or second[3] < first[1]
    )


def wards_of_area(session: Session, area: CapArea, city: Box | None) -> set[str]:
    """Return the codes of the wards an area names by geocode or covers by shape.

    The shape is built (repaired, merged) only when the area's box meets the city's box.
    """
    named = {value for name, value in area.geocodes if name == WARD_GEOCODE}
    codes = set(session.scalars(select(Ward.code).where(Ward.code.in_(named)))) if named else set()
    box = bounding_box(area)
    if box is None or city is None or not boxes_meet(box, city):
        return codes
    shape = cap_area_shape(area)
    if shape is not None and not shape.is_empty:
        codes |= wards_touched(session, shape)
    return codes


def ward_cap_area(ward: Ward, city_name: str) -> CapArea:
    """Return a CAP area for a whole ward: its boundary rings and its official code."""
    geometry = json.loads(ward.boundary)
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    rings = [[(lat, lon) for lon, lat in polygon[0]] for polygon in polygons]
    return CapArea(
        area_desc=f"{ward.full_name}, {city_name}",
        polygons=rings,
        geocodes=[(WARD_GEOCODE, ward.code)],
    )


def bounding_box(area: CapArea) -> Box | None:
    """Return the box of an area's points and circles (no shape is built), None without any."""
    lats = [lat for ring in area.polygons for lat, _lon in ring]
    lons = [lon for ring in area.polygons for _lat, lon in ring]
    for circle in area.circles:
        reach = max(circle.radius_km, 0.01) / KM_PER_DEGREE_LAT
        wide = reach / max(math.cos(math.radians(circle.lat)), 0.01)
        lats += [circle.lat - reach, circle.lat + reach]
        lons += [circle.lon - wide, circle.lon + wide]
    if not lats:
        return None
    return (min(lats), min(lons), max(lats), max(lons))


def _as_ring(line: BaseGeometry, original: Ring) -> Ring:
    """Return a simplified line as a (lat, lon) ring; one simplified away becomes a triangle
    of its own points."""
    coords = shapely.get_coordinates(line)
    if len(coords) < 4:
        third = max(len(original) // 3, 1)
        return [original[0], original[third], original[2 * third], original[0]]
    return [(round(float(lat), OUTLINE_DECIMALS), round(float(lon), OUTLINE_DECIMALS))
            for lon, lat in coords]  # fmt: skip


def outlines(rings_of_areas: list[list[Ring]]) -> list[list[Ring]]:
    """Return the areas' rings as lists show them: as they are up to MAX_OUTLINE_POINTS in
    all, else simplified to about that many.

    The detail and the CAP document keep every point. Rings past the budget once each is down
    to 4 points are left out of the outline.
    """
    total = sum(len(ring) for rings in rings_of_areas for ring in rings)
    if total <= MAX_OUTLINE_POINTS:
        return rings_of_areas
    lines = numpy.array(
        [shapely.linestrings([(lon, lat) for lat, lon in ring]) for rings in rings_of_areas
         for ring in rings]
    )  # fmt: skip
    low_lon, low_lat, high_lon, high_lat = shapely.total_bounds(lines)
    tolerance = max(high_lat - low_lat, high_lon - low_lon, 1e-6) / 1000
    count = total
    while True:
        simple = shapely.simplify(lines, tolerance, preserve_topology=False)
        fewer = int(shapely.get_num_coordinates(simple).sum())
        if fewer <= MAX_OUTLINE_POINTS or fewer == count:  # small enough, or as small as it gets
            break
        tolerance, count = tolerance * 2, fewer
    originals = [ring for rings in rings_of_areas for ring in rings]
    flat = iter(_as_ring(line, ring) for line, ring in zip(simple, originals, strict=True))
    left = MAX_OUTLINE_POINTS
    kept: list[list[Ring]] = []
    for rings in rings_of_areas:
        kept.append([])
        for ring in (next(flat) for _ in rings):
            if len(ring) <= left:
                kept[-1].append(ring)
                left -= len(ring)
    return kept


def area_holds_point(
    polygons: list[list[list[float]]], circles: list[dict[str, float]], lat: float, lon: float
) -> bool:
    """Tell whether a stored area's polygons or circles hold a point (edges included)."""
    shape = area_shape(
        [[(point[0], point[1]) for point in ring] for ring in polygons],
        [CapCircle(**circle) for circle in circles],
    )
    return shape is not None and shapely.intersects_xy(shape, lon, lat)

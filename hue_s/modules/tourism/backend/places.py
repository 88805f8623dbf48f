"""Finding places: by category, by words without diacritics, and nearest to a point."""

from __future__ import annotations

import math
import unicodedata
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.modules.tourism.backend.models import PlaceRow
from hue_s.modules.tourism.wire import Place, PlaceDetail

EARTH_RADIUS_M = 6_371_008.8
OSM_BASE = "https://www.openstreetmap.org"


def fold(text: str) -> str:
    """Return text lower-cased without diacritics ('Chùa Thiên Mụ' -> 'chua thien mu')."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def matches(row: PlaceRow, words: list[str]) -> bool:
    """Say whether every word is found in one of the place's names (diacritics ignored)."""
    names = row.document.get("names") or {}
    text = fold(" ".join([row.name, *names.values()]))
    return all(word in text for word in words)


def summary_of(row: PlaceRow, distance: float | None = None) -> Place:
    """Return the list entry of a place."""
    return Place(
        id=row.id, category=row.category, name=row.name,  # type: ignore[arg-type]
        names=row.document.get("names") or {}, lat=row.lat, lon=row.lon,
        featured=bool(row.document.get("featured")),
        distance_m=None if distance is None else round(distance, 1),
    )  # fmt: skip


def find_places(
    session: Session,
    *,
    category: str | None = None,
    query: str | None = None,
    near: tuple[float, float] | None = None,
    within_m: float | None = None,
    limit: int = 100,
) -> list[Place]:
    """Return places of a category matching the words; near a point: nearest first."""
    statement = select(PlaceRow).order_by(PlaceRow.position)
    if category is not None:
        statement = statement.where(PlaceRow.category == category)
    words = fold(query or "").split()
    rows = [row for row in session.scalars(statement) if matches(row, words)]
    if near is None:
        return [summary_of(row) for row in rows[:limit]]
    measured = sorted(
        ((distance_m(near[0], near[1], row.lat, row.lon), row) for row in rows),
        key=lambda pair: pair[0],
    )
    kept = [(d, row) for d, row in measured if within_m is None or d <= within_m]
    return [summary_of(row, d) for d, row in kept[:limit]]


def detail_of(row: PlaceRow) -> PlaceDetail:
    """Return everything about a place, with directions links by its coordinates."""
    doc = row.document
    lat, lon = f"{row.lat:.6f}", f"{row.lon:.6f}"
    return PlaceDetail(
        **summary_of(row).model_dump(),
        opening_hours=doc.get("opening_hours"), phone=doc.get("phone"),
        website=doc.get("website"), address=doc.get("address"), ward_name=doc.get("ward_name"),
        wikidata=doc.get("wikidata"), osm_url=f"{OSM_BASE}/{quote(row.id)}",
        directions_osm=f"{OSM_BASE}/directions?route=%3B{lat}%2C{lon}#map=16/{lat}/{lon}",
        directions_google=f"https://www.google.com/maps/dir/?api=1&destination={lat},{lon}",
    )  # fmt: skip

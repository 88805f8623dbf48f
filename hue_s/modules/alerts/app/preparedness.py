"""What to have ready before a flood or storm, and where people may gather (not shelters)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hue_s.app.i18n import N_
from hue_s.modules.alerts.app.places import distance_km

GATHERING_POINTS_FILE = Path(__file__).resolve().parent / "data" / "gathering_points.json"

CHECKLIST: tuple[tuple[str, str], ...] = (
    ("water", N_("Drinking water for 3 days (about 3 litres per person a day)")),
    ("food", N_("Dry food for 3 days: instant noodles, rice, canned food")),
    ("light", N_("Torch and spare batteries; matches and candles in a dry box")),
    ("phone", N_("Phones charged, and a charged power bank")),
    ("medicine", N_("First-aid kit and everyone's regular medicines")),
    ("documents", N_("Identity cards, land papers and money in a waterproof bag")),
    ("raise", N_("Belongings, rice and seeds raised above the highest flood mark")),
    ("power", N_("Everyone knows how to switch the power off at the main breaker")),
    ("float", N_("Life jackets or buoys for everyone in a low-lying house")),
    ("roof", N_("Roof tied down, doors and windows braced (storms)")),
    ("animals", N_("Livestock and vehicles moved to higher ground")),
    ("route", N_("Everyone knows the way to high ground and the ward's gathering point")),
    ("numbers", N_("Ward office and emergency numbers written down: 113, 114, 115")),
    ("helpers", N_("Someone named to help the elderly, children and people with disabilities")),
)
"""(id, text) of the household checklist, after the '4 on the spot' (4 tại chỗ) guidance."""


@dataclass(frozen=True)
class GatheringPoint:
    """A public building people may gather at; not an official shelter."""

    osm_id: str
    name: str
    kind: str
    lat: float
    lon: float
    ward_code: str
    ward_name: str


@cache
def gathering_points() -> tuple[GatheringPoint, ...]:
    """Return the suggested gathering points shipped with the app (from OpenStreetMap)."""
    document = json.loads(GATHERING_POINTS_FILE.read_text(encoding="utf-8"))
    return tuple(
        GatheringPoint(
            osm_id=item["osm_id"],
            name=item["name"],
            kind=item["kind"],
            lat=float(item["lat"]),
            lon=float(item["lon"]),
            ward_code=item["ward_code"],
            ward_name=item["ward_name"],
        )
        for item in document["points"]
    )


def nearest_first(
    points: tuple[GatheringPoint, ...], lat: float | None, lon: float | None
) -> list[tuple[GatheringPoint, float | None]]:
    """Return points with their distance in km from (lat, lon), nearest first (as given without)."""
    if lat is None or lon is None:
        return [(point, None) for point in points]
    measured = [(point, distance_km(lat, lon, point.lat, point.lon)) for point in points]
    return sorted(measured, key=lambda pair: pair[1] if pair[1] is not None else 0.0)


def checklist_progress(done: set[str]) -> tuple[int, int]:
    """Return (ticked, total) of the checklist, ignoring ids it no longer has."""
    ids = {item_id for item_id, _ in CHECKLIST}
    return len(done & ids), len(ids)

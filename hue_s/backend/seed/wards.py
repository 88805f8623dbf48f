"""Load the 40 wards and communes of Huế from wards.geojson into the wards table."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from shapely.geometry import shape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.models import Ward

SEED_PACKAGE = "hue_s.backend.seed"
WARDS_FILE = "wards.geojson"


def read_ward_features() -> list[dict[str, Any]]:
    """Return the GeoJSON features of the packaged wards file."""
    text = resources.files(SEED_PACKAGE).joinpath(WARDS_FILE).read_text(encoding="utf-8")
    features: list[dict[str, Any]] = json.loads(text)["features"]
    return features


def ward_from_feature(feature: dict[str, Any]) -> Ward:
    """Build a Ward row from one feature, deriving its centroid and bounding box."""
    properties = feature["properties"]
    geometry = shape(feature["geometry"])
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    centroid = geometry.centroid
    return Ward(
        code=properties["code"],
        name=properties["name"],
        full_name=properties["full_name"],
        name_en=properties["name_en"],
        kind=properties["kind"],
        area_km2=properties["area_km2"],
        boundary=json.dumps(feature["geometry"], separators=(",", ":")),
        centroid_lat=round(centroid.y, 6),
        centroid_lon=round(centroid.x, 6),
        min_lat=min_lat,
        min_lon=min_lon,
        max_lat=max_lat,
        max_lon=max_lon,
    )


def seed_wards(session: Session) -> int:
    """Insert the packaged wards if the table is empty; return how many were added."""
    if session.scalar(select(func.count()).select_from(Ward)):
        return 0
    wards = [ward_from_feature(feature) for feature in read_ward_features()]
    session.add_all(wards)
    session.flush()
    return len(wards)

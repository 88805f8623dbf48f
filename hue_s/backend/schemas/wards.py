"""JSON of the wards and communes of the city."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field

from hue_s.backend.kernel.models import Ward


class LatLon(BaseModel):
    """A WGS84 point."""

    lat: float = Field(description="Latitude in degrees.")
    lon: float = Field(description="Longitude in degrees.")


class WardSummary(BaseModel):
    """A commune-level unit (phường or xã) without its boundary."""

    code: str = Field(description="Official 5-digit code (mã ĐVHC), e.g. '19753'.")
    name: str = Field(description="Vietnamese name as the official list spells it: 'Phú Xuân'.")
    full_name: str = Field(description="Vietnamese name with the unit type: 'Phường Phú Xuân'.")
    name_en: str = Field(description="ASCII name for English text, e.g. 'Phu Xuan'.")
    kind: Literal["ward", "commune"] = Field(description="'ward' (phường) or 'commune' (xã).")
    area_km2: float = Field(description="Official area in km².")
    centroid: LatLon = Field(description="Centroid of the boundary, e.g. to centre a map.")
    bbox: list[float] = Field(description="Bounding box [min_lon, min_lat, max_lon, max_lat].")

    @classmethod
    def from_ward(cls, ward: Ward) -> WardSummary:
        """Build the JSON model of a Ward row."""
        return cls(
            code=ward.code,
            name=ward.name,
            full_name=ward.full_name,
            name_en=ward.name_en,
            kind="ward" if ward.kind == "ward" else "commune",
            area_km2=ward.area_km2,
            centroid=LatLon(lat=ward.centroid_lat, lon=ward.centroid_lon),
            bbox=[ward.min_lon, ward.min_lat, ward.max_lon, ward.max_lat],
        )


class WardWithGeometry(WardSummary):
    """A commune-level unit with its simplified boundary."""

    geometry: dict[str, Any] = Field(description="GeoJSON MultiPolygon of the boundary (lon/lat).")

    @classmethod
    def from_ward_with_geometry(cls, ward: Ward) -> WardWithGeometry:
        """Build the JSON model of a Ward row, boundary included."""
        summary = WardSummary.from_ward(ward)
        return cls(**summary.model_dump(), geometry=json.loads(ward.boundary))

"""Wards and communes (the commune-level units of Huế since 1 July 2025)."""

from typing import Any, Literal

from pydantic import Field

from hue_s.app.api.models.base import ResponseModel


class LatLon(ResponseModel):
    """A WGS84 point."""

    lat: float = Field(description="Latitude in degrees (WGS84).")
    lon: float = Field(description="Longitude in degrees (WGS84).")


class Ward(ResponseModel):
    """A ward (phường) or commune (xã) of the city."""

    code: str = Field(description="Official 5-digit unit code (mã ĐVHC), e.g. '19753'.")
    name: str = Field(description="Official Vietnamese name, e.g. 'Phường Phú Xuân'.")
    full_name: str | None = Field(
        default=None, description="Name with the unit type, e.g. 'Phường Phú Xuân'."
    )
    name_en: str | None = Field(default=None, description="English (ASCII) name, e.g. 'Phu Xuan'.")
    kind: Literal["ward", "commune"] | str = Field(
        description="'ward' (phường) or 'commune' (xã); other kinds are kept as sent."
    )
    area_km2: float | None = Field(default=None, description="Area in square kilometres.")
    centroid: LatLon | None = Field(default=None, description="Centroid, e.g. to centre a map.")
    bbox: list[float] | None = Field(
        default=None, description="Bounding box [min_lon, min_lat, max_lon, max_lat]."
    )
    geometry: dict[str, Any] | None = Field(
        default=None, description="GeoJSON geometry; only sent when asked for."
    )

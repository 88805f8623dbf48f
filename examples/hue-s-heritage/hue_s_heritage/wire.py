"""The sights as they travel between the module's backend and app parts."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Sight(BaseModel):
    """One heritage sight, with its place (OpenStreetMap data, ODbL)."""

    id: int
    name: str = Field(description="Its Vietnamese name.")
    name_en: str = Field(description="Its English name.")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

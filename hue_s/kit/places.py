"""What every OpenStreetMap place answers on the wire, shared by the app and the backend."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field


class OsmPlace(BaseModel):
    """A place as OpenStreetMap describes it; a module's place adds its own fields."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="The OSM element, as 'node-123' or 'way-456'.")
    name: str
    lat: float
    lon: float
    ward_code: str | None = Field(None, description="The ward holding the point, if any.")
    ward_name: str | None = None
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    operator: str | None = None
    distance_m: float | None = Field(None, description="From the point asked about, if any.")
    osm_url: str


def list_params(near: tuple[float, float] | None = None, **filters: Any) -> dict[str, Any]:
    """Return a places list's query: the filters given (empty ones left out), the point it is
    asked from, and the most a screen shows (200)."""
    params: dict[str, Any] = {"limit": 200}
    params.update((name, value) for name, value in filters.items() if value)
    if near is not None:
        params["lat"], params["lon"] = near
    return params


def place_path(places: str, place_id: str) -> str:
    """Return the path of one place of a list (its id quoted whole)."""
    return f"{places}/{quote(place_id, safe='')}"

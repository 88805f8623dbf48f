"""What the health API answers, shared by the app and the backend."""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

KINDS = ("hospital", "clinic", "doctors", "dentist", "pharmacy")
"""The kinds of places, in the order the app offers them."""
Kind = Literal["hospital", "clinic", "doctors", "dentist", "pharmacy"]
EMERGENCY_NUMBER = "115"
ATTRIBUTION = "© OpenStreetMap contributors"


class HealthPlace(BaseModel):
    """A place to get care or medicine, as OpenStreetMap describes it."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="The OSM element, as 'node-123' or 'way-456'.")
    name: str
    kind: Kind
    lat: float
    lon: float
    ward_code: str | None = Field(None, description="The ward holding the point, if any.")
    ward_name: str | None = None
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    opening_hours: str | None = Field(None, description="OSM opening_hours, as tagged.")
    open_now: bool | None = Field(None, description="None: unknown (no hours, or unread).")
    emergency: bool = Field(False, description="Tagged emergency=yes.")
    offers: list[str] = Field(default_factory=list, description="OSM healthcare:speciality.")
    operator: str | None = None
    distance_m: float | None = Field(None, description="From the point asked about, if any.")
    osm_url: str


def fold(text: str) -> str:
    """Return text lowercased without Vietnamese diacritics ('Bệnh viện' -> 'benh vien')."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_matches(name: str, query: str) -> bool:
    """Say whether every word of `query` starts a word of `name`; a word typed without marks
    matches with or without them ('mat' finds Mắt and Mặt), one typed with marks only itself."""
    plain, marked = fold(name).split(), name.lower().split()
    for word in query.lower().split():
        words = plain if fold(word) == word else marked
        if not any(candidate.startswith(word) for candidate in words):
            return False
    return True


def directions_url(lat: float, lon: float, origin: tuple[float, float] | None = None) -> str:
    """Return OpenStreetMap's directions to a point (from `origin` if known, else asked there)."""
    start = f"{origin[0]:.6f},{origin[1]:.6f}" if origin else ""
    return f"https://www.openstreetmap.org/directions?route={start}%3B{lat:.6f}%2C{lon:.6f}"

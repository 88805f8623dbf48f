"""What the education API answers, shared by the app and the backend."""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LEVELS = ("preschool", "primary", "lower_secondary", "upper_secondary", "higher", "other")
"""School levels, in the order the app offers them."""
Level = Literal["preschool", "primary", "lower_secondary", "upper_secondary", "higher", "other"]
NEWS_CATEGORY = "education"
"""The news module's category of enrolment and school announcements."""
ATTRIBUTION = "© OpenStreetMap contributors"


class School(BaseModel):
    """A school, college or university, as OpenStreetMap describes it."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="The OSM element, as 'node-123' or 'way-456'.")
    name: str
    levels: list[Level]
    lat: float
    lon: float
    ward_code: str | None = None
    ward_name: str | None = None
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    grades: str | None = Field(None, description="OSM grades, as tagged ('1-5').")
    operator: str | None = None
    distance_m: float | None = Field(None, description="From the point asked about, if any.")
    osm_url: str


def fold(text: str) -> str:
    """Return text lowercased without Vietnamese diacritics ('Tiểu học' -> 'tieu hoc')."""
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


def directions_url(lat: float, lon: float) -> str:
    """Return OpenStreetMap's directions to a point (the start is asked there)."""
    return f"https://www.openstreetmap.org/directions?route=%3B{lat:.6f}%2C{lon:.6f}"

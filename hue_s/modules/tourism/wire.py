"""What the tourism API takes and answers, shared by the app and the backend."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CATEGORIES = ("heritage", "museum", "worship", "sight", "market", "park")
"""The kinds of places, in the order the app offers them (the OSM extract has no restaurant,
café or hotel; a later revision may add them)."""
Category = Literal["heritage", "museum", "worship", "sight", "market", "park"]
EventStatus = Literal["scheduled", "tentative", "cancelled"]
MAX_CALENDAR = 1_000_000
"""The largest iCalendar text an import takes (characters)."""


class Place(BaseModel):
    """A place for visitors, from OpenStreetMap (ODbL)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="The OSM element, e.g. 'node/5182931945'.")
    category: Category
    name: str = Field(description="The name on the spot (mostly Vietnamese).")
    names: dict[str, str] = Field(
        default_factory=dict, description="Other names by language (en, zh, ko, ja, fr)."
    )
    lat: float
    lon: float
    featured: bool = Field(False, description="One of Huế's key sights.")
    distance_m: float | None = Field(None, description="From the point asked for, if any.")

    def name_in(self, language: str) -> str:
        """Return its name in a language when OSM has one, else its name on the spot."""
        return self.names.get(language) or self.name


class PlaceDetail(Place):
    """One place with what a visitor needs before going."""

    opening_hours: str | None = Field(None, description="OSM opening_hours, as tagged.")
    phone: str | None = None
    website: str | None = None
    address: str | None = None
    ward_name: str | None = None
    wikidata: str | None = None
    osm_url: str
    directions_osm: str = Field(description="OpenStreetMap directions to it (by coordinates).")
    directions_google: str = Field(description="Google Maps directions to it (by coordinates).")


class Event(BaseModel):
    """An event, with Schema.org Event's fields."""

    model_config = ConfigDict(extra="ignore")

    id: int
    name: str
    start: datetime
    end: datetime | None = None
    place: str | None = Field(None, description="Schema.org location: where it happens.")
    status: EventStatus = "scheduled"
    organizer: str | None = None
    price: str | None = Field(None, description="Schema.org offers.price, as written.")
    description: str | None = None
    url: str | None = None


class CalendarImport(BaseModel):
    """An iCalendar file (RFC 5545) staff bring in."""

    model_config = ConfigDict(extra="forbid")

    calendar: str = Field(min_length=15, max_length=MAX_CALENDAR, description="The .ics text.")


class ImportResult(BaseModel):
    """What an import did: events added, updated (same UID) and skipped (unreadable)."""

    added: int
    updated: int
    skipped: int

"""Where the air is read: central Huế, a ward, the device's position, or a saved place."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pydantic import BaseModel, Field, ValidationError

from hue_s.app.state.store import Store

logger = logging.getLogger(__name__)
PLACES_KEY = "air.places"
MAX_PLACES = 5
NAME_LENGTH = 30
ME = "me"
"""The picker's value for the device's position."""
SAVED = "saved:"
"""The picker's prefix of a saved place's value."""


@dataclass(frozen=True)
class Where:
    """What to read: a ward's centre, a point, or neither (central Huế)."""

    ward: str | None = None
    lat: float | None = None
    lon: float | None = None


class SavedPlace(BaseModel):
    """A place saved on the device under a short name."""

    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    ward: str | None = None
    lat: float | None = None
    lon: float | None = None

    def where(self) -> Where:
        """Return what to read for this place."""
        return Where(ward=self.ward, lat=self.lat, lon=self.lon)


class PlaceRefused(Exception):
    """A place cannot be saved: `reason` is 'name', 'taken' or 'full'."""

    def __init__(self, reason: str) -> None:
        """Keep the reason."""
        super().__init__(reason)
        self.reason = reason


class SavedPlaces:
    """The places saved on one device, in the order they were saved."""

    def __init__(self, store: Store, device_id: str) -> None:
        """Bind to one device's rows."""
        self.store, self.device_id = store, device_id

    def all(self) -> list[SavedPlace]:
        """Return the saved places (unreadable rows are skipped)."""
        stored = self.store.device_settings.get(self.device_id, PLACES_KEY)
        rows = stored.value if stored is not None and isinstance(stored.value, list) else []
        places = []
        for row in rows:
            try:
                places.append(SavedPlace.model_validate(row))
            except ValidationError:
                logger.warning("ignoring an unreadable saved air place")
        return places

    def get(self, name: str) -> SavedPlace | None:
        """Return the place saved under a name, if any."""
        return next((place for place in self.all() if place.name == name), None)

    def add(self, name: str, where: Where) -> SavedPlace:
        """Save a place under a short name; raise PlaceRefused when it cannot be."""
        name = " ".join(name.split())
        if not name or len(name) > NAME_LENGTH:
            raise PlaceRefused("name")
        places = self.all()
        if any(place.name.casefold() == name.casefold() for place in places):
            raise PlaceRefused("taken")
        if len(places) >= MAX_PLACES:
            raise PlaceRefused("full")
        place = SavedPlace(name=name, ward=where.ward, lat=where.lat, lon=where.lon)
        self._put([*places, place])
        return place

    def remove(self, name: str) -> None:
        """Forget the place saved under a name."""
        self._put([place for place in self.all() if place.name != name])

    def _put(self, places: list[SavedPlace]) -> None:
        """Store the list."""
        rows = [place.model_dump() for place in places]
        self.store.device_settings.put(self.device_id, PLACES_KEY, rows)

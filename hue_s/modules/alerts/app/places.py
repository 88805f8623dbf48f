"""What a device follows: places (wards, points, its own location) and a severity threshold."""

from __future__ import annotations

from collections.abc import Iterable
from math import asin, cos, radians, sin, sqrt
from typing import Literal

from pydantic import BaseModel, Field

from hue_s.modules.alerts.app.models import Alert

SEVERITY_ORDER = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
URGENCY_ORDER = ("Immediate", "Expected", "Future", "Past", "Unknown")
Threshold = Literal["Minor", "Moderate", "Severe", "Extreme"]
PlaceKind = Literal["ward", "point", "current_location"]


def severity_rank(severity: str) -> int:
    """Return 0 for Extreme up to 4 for Unknown (or anything not in CAP's list)."""
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else 4


def urgency_rank(urgency: str) -> int:
    """Return 0 for Immediate up to 4 for Unknown."""
    return URGENCY_ORDER.index(urgency) if urgency in URGENCY_ORDER else 4


def listing_order(alert: Alert) -> tuple[int, int, float]:
    """Sort key: most severe, then most urgent, then newest first (as the backend sorts)."""
    return (severity_rank(alert.severity), urgency_rank(alert.urgency), -alert.sent.timestamp())


class Place(BaseModel):
    """A place the device follows: a ward, a saved point, or where the device was last."""

    kind: PlaceKind = Field(description="'ward', 'point' or 'current_location'.")
    name: str = Field(description="What the person sees, e.g. 'Phường Phú Xuân' or 'Nhà'.")
    ward_code: str | None = Field(default=None, description="The ward it is in, when known.")
    lat: float | None = Field(default=None, description="Latitude of a point.")
    lon: float | None = Field(default=None, description="Longitude of a point.")

    @property
    def key(self) -> str:
        """Return what tells places apart (one current location, one entry per ward)."""
        if self.kind == "current_location":
            return "current_location"
        if self.kind == "ward":
            return f"ward:{self.ward_code}"
        return f"point:{self.lat:.5f},{self.lon:.5f}"


class Subscriptions(BaseModel):
    """The places of one device and the least severe alert it wants to hear about."""

    places: list[Place] = Field(default_factory=list, description="Followed places.")
    threshold: Threshold = Field(default="Minor", description="Least severe level notified.")

    @property
    def whole_city(self) -> bool:
        """Say whether the device follows the whole city (it chose no place)."""
        return not self.places

    def with_place(self, place: Place) -> Subscriptions:
        """Return these subscriptions with a place added (or replacing the same one)."""
        others = [existing for existing in self.places if existing.key != place.key]
        return self.model_copy(update={"places": [*others, place]})

    def without(self, key: str) -> Subscriptions:
        """Return these subscriptions without the place of `key`."""
        return self.model_copy(update={"places": [p for p in self.places if p.key != key]})

    def severe_enough(self, alert: Alert) -> bool:
        """Say whether an alert reaches the threshold ('Minor' takes all, Unknown included)."""
        return self.threshold == "Minor" or severity_rank(alert.severity) <= severity_rank(
            self.threshold
        )

    def covers(self, alert: Alert) -> bool:
        """Say whether an alert concerns one of the places (any place: the whole city)."""
        if self.whole_city:
            return True
        codes = set(alert.ward_codes)
        for place in self.places:
            if place.ward_code is not None and place.ward_code in codes:
                return True
            if place.lat is not None and place.lon is not None and alert_holds(alert, place):
                return True
        return False

    def wants(self, alert: Alert) -> bool:
        """Say whether the device should be told about an alert."""
        return self.covers(alert) and self.severe_enough(alert)


def alert_holds(alert: Alert, place: Place) -> bool:
    """Say whether one of the alert's polygons or circles holds a point place."""
    assert place.lat is not None and place.lon is not None
    for info in alert.infos:
        for area in info.areas:
            if any(ring_holds(ring, place.lat, place.lon) for ring in area.polygons):
                return True
            for circle in area.circles:
                if distance_km(circle.lat, circle.lon, place.lat, place.lon) <= circle.radius_km:
                    return True
    return False


def ring_holds(ring: Iterable[list[float]], lat: float, lon: float) -> bool:
    """Say whether a ring of [lat, lon] points holds a point (ray casting)."""
    points = [(point[0], point[1]) for point in ring]
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(points, points[1:] + points[:1], strict=True):
        if (lat1 > lat) != (lat2 > lat):
            crossing = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < crossing:
                inside = not inside
    return inside


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in kilometres."""
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(a))

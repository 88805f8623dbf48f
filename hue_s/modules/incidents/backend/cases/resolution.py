"""Check an "after" photo against the report: taken near it (~200 m) and after it.

The check applies where both the after photo and a report photo carry a place and a time (from
EXIF or sent beside the photo); the report's own point, when it has one, stands for its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.incidents.backend.distance import distance_m
from hue_s.modules.incidents.backend.models import Incident, IncidentPhoto
from hue_s.modules.incidents.backend.photos.pipeline import CleanPhoto

MAX_DISTANCE_M = 200.0
"""How far from the report an after photo may have been taken (GPS error and a street's length)."""


@dataclass(frozen=True)
class Proof:
    """What the check of an after photo came to: checked (and how far away) or not checkable."""

    checked: bool
    distance_m: float | None = None

    @property
    def action(self) -> str:
        """Return the timeline action recording the outcome."""
        return "proof_checked" if self.checked else "proof_not_checked"

    @property
    def note(self) -> str | None:
        """Return the timeline note: the distance found, in metres."""
        return f"{self.distance_m:.0f} m" if self.distance_m is not None else None


def before_photos(session: Session, incident: Incident) -> list[IncidentPhoto]:
    """Return the report's photos that carry both a place and a time (data not loaded)."""
    query = (
        select(IncidentPhoto)
        .where(IncidentPhoto.incident_id == incident.id, IncidentPhoto.kind == "before")
        .where(IncidentPhoto.gps_lat.is_not(None), IncidentPhoto.taken_at.is_not(None))
        .order_by(IncidentPhoto.uploaded_at)
    )
    return list(session.scalars(query))


def check_after_photo(session: Session, incident: Incident, after: CleanPhoto) -> Proof:
    """Refuse (422) an after photo taken far from, or before, a located and dated report photo."""
    found = after.place_and_time
    if found.lat is None or found.lon is None or found.taken_at is None:
        return Proof(checked=False)
    farthest: float | None = None
    for before in before_photos(session, incident):
        assert before.gps_lat is not None and before.gps_lon is not None
        assert before.taken_at is not None
        lat, lon = before.gps_lat, before.gps_lon
        if incident.lat is not None and incident.lon is not None:
            lat, lon = incident.lat, incident.lon
        away = distance_m(lat, lon, found.lat, found.lon)
        if away > MAX_DISTANCE_M:
            raise APIError(
                422,
                "after_photo_too_far",
                f"The after photo was taken {away:.0f} m from the report (at most "
                f"{MAX_DISTANCE_M:.0f} m).",
            )
        if found.taken_at <= before.taken_at:
            raise APIError(
                422, "after_photo_too_early", "The after photo was taken before the report's."
            )
        farthest = max(away, farthest or 0.0)
    return Proof(checked=farthest is not None, distance_m=farthest)

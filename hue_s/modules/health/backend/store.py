"""Reading the health places: each one's hours (open now); the kind and open-now filters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.kit.places_backend import matching_places, osm_fields, tag
from hue_s.modules.health.backend.models import HealthPlaceRow
from hue_s.modules.health.hours import open_now
from hue_s.modules.health.wire import HealthPlace


def place_of(
    session: Session, row: HealthPlaceRow, at: datetime, near: tuple[float, float] | None = None
) -> HealthPlace:
    """Return the public view of a row at a moment (open now), seen from `near` if given."""
    tags = row.tags
    hours = tag(tags, "opening_hours")
    return HealthPlace(
        **osm_fields(session, row, near), kind=row.kind,  # type: ignore[arg-type]
        opening_hours=hours, open_now=open_now(hours, at), emergency=tags.get("emergency") == "yes",
        offers=[part.strip() for part in (tag(tags, "healthcare:speciality") or "").split(";")
                if part.strip()],
    )  # fmt: skip


def list_places(
    session: Session,
    *,
    at: datetime,
    kind: str | None = None,
    ward: str | None = None,
    query: str | None = None,
    only_open: bool = False,
    near: tuple[float, float] | None = None,
    limit: int = 100,
) -> list[HealthPlace]:
    """Return the places matching the filters: nearest first if `near` is given, else by name."""
    statement = select(HealthPlaceRow).order_by(HealthPlaceRow.name)
    if kind is not None:
        statement = statement.where(HealthPlaceRow.kind == kind)

    def kept(place: HealthPlace) -> bool:
        return (ward is None or place.ward_code == ward) and (not only_open or bool(place.open_now))

    return matching_places(
        session, statement, lambda row: place_of(session, row, at, near), kept,
        query=query, near=near, limit=limit,
    )  # fmt: skip

"""Reading the schools: each one's levels and grades; the level filter."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.kit.places_backend import matching_places, osm_fields, tag
from hue_s.modules.education.backend.levels import levels_of
from hue_s.modules.education.backend.models import SchoolRow
from hue_s.modules.education.wire import School


def school_of(session: Session, row: SchoolRow, near: tuple[float, float] | None = None) -> School:
    """Return the public view of a row, seen from `near` if given."""
    return School(
        **osm_fields(session, row, near),
        levels=levels_of(row.name, row.amenity, row.tags),
        grades=tag(row.tags, "grades"),
    )


def list_schools(
    session: Session,
    *,
    level: str | None = None,
    ward: str | None = None,
    query: str | None = None,
    near: tuple[float, float] | None = None,
    limit: int = 100,
) -> list[School]:
    """Return the schools matching the filters: nearest first if `near` is given, else by name."""
    return matching_places(
        session, select(SchoolRow).order_by(SchoolRow.name),
        lambda row: school_of(session, row, near),
        lambda school: (ward is None or school.ward_code == ward)
        and (level is None or level in school.levels),
        query=query, near=near, limit=limit,
    )  # fmt: skip

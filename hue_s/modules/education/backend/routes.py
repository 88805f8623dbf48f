"""The education API: public reading of the schools (anyone may ask; nothing is private here)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from hue_s.backend.api_errors import APIError
from hue_s.backend.db import get_session
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.modules.education.backend.models import SchoolRow
from hue_s.modules.education.backend.store import list_schools, school_of
from hue_s.modules.education.wire import Level, School

router = APIRouter(prefix="/api/v1/education", tags=["education"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]


@router.get("/schools", response_model=list[School])
def read_schools(
    session: SessionDependency,
    level: Annotated[Level | None, Query(description="Only schools teaching this level.")] = None,
    ward: Annotated[str | None, Query(max_length=5, description="Only in this ward.")] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Words of the name, with or without marks.")
    ] = None,
    lat: Annotated[
        float | None, Query(ge=-90, le=90, description="Nearest first from here.")
    ] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> list[School]:
    """Schools, colleges and universities, filtered (open to everyone)."""
    if (lat is None) != (lon is None):
        raise APIError(422, "lat_lon_together", "Give both lat and lon, or neither.")
    near = (lat, lon) if lat is not None and lon is not None else None
    return list_schools(session, level=level, ward=ward, query=q, near=near, limit=limit)


@router.get("/schools/{school_id}", response_model=School)
def read_school(school_id: str, session: SessionDependency) -> School:
    """One school (open to everyone)."""
    row = session.get(SchoolRow, school_id)
    if row is None:
        raise APIError(404, "not_found", "No such school.")
    return school_of(session, row)

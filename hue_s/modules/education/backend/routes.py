"""The education API: public reading of the schools (anyone may ask; nothing is private here)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.kit import places_backend as places
from hue_s.modules.education.backend.models import SchoolRow
from hue_s.modules.education.backend.store import list_schools, school_of
from hue_s.modules.education.wire import Level, School

router = APIRouter(prefix="/api/v1/education", tags=["education"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]


@router.get("/schools", response_model=list[School])
def read_schools(
    session: SessionDependency,
    level: Annotated[Level | None, Query(description="Only schools teaching this level.")] = None,
    ward: places.WardQuery = None,
    q: places.WordsQuery = None,
    lat: places.LatQuery = None,
    lon: places.LonQuery = None,
    limit: places.LimitQuery = 100,
) -> list[School]:
    """Schools, colleges and universities, filtered (open to everyone)."""
    near = places.near_point(lat, lon)
    return list_schools(session, level=level, ward=ward, query=q, near=near, limit=limit)


@router.get("/schools/{school_id}", response_model=School)
def read_school(school_id: str, session: SessionDependency) -> School:
    """One school (open to everyone)."""
    row = session.get(SchoolRow, school_id)
    if row is None:
        raise APIError(404, "not_found", "No such school.")
    return school_of(session, row)

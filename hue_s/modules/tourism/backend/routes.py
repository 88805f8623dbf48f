"""The tourism API: places and events are open to everyone; operators and admins import."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy.orm import Session

from hue_s.backend.accounts.deps import require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.db import get_session
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.modules.tourism.backend.events import import_calendar, upcoming
from hue_s.modules.tourism.backend.models import PlaceRow
from hue_s.modules.tourism.backend.places import detail_of, find_places
from hue_s.modules.tourism.wire import (
    CalendarImport,
    Category,
    Event,
    ImportResult,
    Place,
    PlaceDetail,
)

PLACE_ID = r"^(node|way|relation)/\d{1,20}$"
IMPORTERS = require_roles("operator", "admin")
SessionDependency = Annotated[Session, Depends(get_session)]
router = APIRouter(prefix="/api/v1/tourism", tags=["tourism"], responses=ERROR_RESPONSES)


@router.get("/places", response_model=list[Place])
def read_places(
    session: SessionDependency,
    category: Annotated[Category | None, Query(description="Only this kind.")] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Words of a name (accents optional).")
    ] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90, description="Near this point...")] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180, description="...nearest first.")] = None,
    within_m: Annotated[float | None, Query(gt=0, le=100_000)] = None,
    limit: Annotated[int, Query(ge=1, le=300)] = 100,
) -> list[Place]:
    """Places for visitors (© OpenStreetMap contributors, ODbL), open to everyone."""
    if (lat is None) != (lon is None):
        raise APIError(422, "point_incomplete", "Give both lat and lon, or neither.")
    near = (lat, lon) if lat is not None and lon is not None else None
    return find_places(
        session, category=category, query=q, near=near, within_m=within_m, limit=limit
    )


@router.get("/places/{place_id:path}", response_model=PlaceDetail)
def read_place(
    place_id: Annotated[str, Path(pattern=PLACE_ID, description="e.g. node/5182931945")],
    session: SessionDependency,
) -> PlaceDetail:
    """One place with its hours, contacts and directions links (open to everyone)."""
    row = session.get(PlaceRow, place_id)
    if row is None:
        raise APIError(404, "not_found", "No such place.")
    return detail_of(row)


@router.get("/events", response_model=list[Event])
def read_events(
    request: Request,
    session: SessionDependency,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> list[Event]:
    """The events not over yet, soonest first (open to everyone)."""
    return upcoming(session, now_of(request), limit)


@router.post("/events/import", response_model=ImportResult)
def import_events(
    user: Annotated[User, Depends(IMPORTERS)],
    body: CalendarImport,
    request: Request,
    session: SessionDependency,
) -> ImportResult:
    """Add or update events from an iCalendar text (operators and admins)."""
    try:
        result = import_calendar(session, body.calendar, user.id, now_of(request))
    except ValueError as error:
        raise APIError(422, "not_a_calendar", "This is not an iCalendar file.") from error
    session.commit()
    return result

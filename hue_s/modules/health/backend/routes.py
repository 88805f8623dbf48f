"""The health API: public reading of the places (anyone may ask; nothing is private here)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.db import get_session
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.kit import places_backend as places
from hue_s.modules.health.backend.models import HealthPlaceRow
from hue_s.modules.health.backend.store import list_places, place_of
from hue_s.modules.health.wire import HealthPlace, Kind

router = APIRouter(prefix="/api/v1/health", tags=["health"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]


@router.get("/places", response_model=list[HealthPlace])
def read_places(
    request: Request,
    session: SessionDependency,
    kind: Annotated[Kind | None, Query(description="Only this kind.")] = None,
    ward: places.WardQuery = None,
    q: places.WordsQuery = None,
    open_now: Annotated[bool, Query(description="Only places known to be open now.")] = False,
    lat: places.LatQuery = None,
    lon: places.LonQuery = None,
    limit: places.LimitQuery = 100,
) -> list[HealthPlace]:
    """Hospitals, clinics, doctors, dentists and pharmacies, filtered (open to everyone)."""
    near = places.near_point(lat, lon)
    return list_places(
        session, at=now_of(request), kind=kind, ward=ward, query=q, only_open=open_now,
        near=near, limit=limit,
    )  # fmt: skip


@router.get("/places/{health_place_id}", response_model=HealthPlace)
def read_place(health_place_id: str, request: Request, session: SessionDependency) -> HealthPlace:
    """One place, with whether it is open now (open to everyone)."""
    row = session.get(HealthPlaceRow, health_place_id)
    if row is None:
        raise APIError(404, "not_found", "No such health place.")
    return place_of(session, row, now_of(request))

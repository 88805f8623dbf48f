"""GET /api/v1/wards...: the wards and communes of the city, and which one holds a point."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.kernel.geo import ward_for_point
from hue_s.backend.kernel.models import Ward
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.backend.schemas.wards import WardSummary, WardWithGeometry

router = APIRouter(prefix="/api/v1/wards", tags=["wards"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]


@router.get("", response_model=list[WardSummary])
def list_wards(session: SessionDependency) -> list[WardSummary]:
    """List every ward and commune of the city, by code, without boundaries."""
    wards = session.scalars(select(Ward).order_by(Ward.code))
    return [WardSummary.from_ward(ward) for ward in wards]


@router.get("/locate", response_model=WardSummary)
def locate_ward(
    session: SessionDependency,
    lat: Annotated[float, Query(ge=-90, le=90, description="Latitude (WGS84).")],
    lon: Annotated[float, Query(ge=-180, le=180, description="Longitude (WGS84).")],
) -> WardSummary:
    """Return the ward or commune holding a point; 404 outside_city if none does."""
    ward = ward_for_point(session, lat, lon)
    if ward is None:
        raise APIError(404, "outside_city", f"The point ({lat}, {lon}) is not in the city.")
    return WardSummary.from_ward(ward)


@router.get("/{code}", response_model=WardSummary | WardWithGeometry)
def read_ward(
    session: SessionDependency,
    code: str,
    geometry: Annotated[bool, Query(description="Include the GeoJSON boundary.")] = False,
) -> WardSummary | WardWithGeometry:
    """Return one ward or commune by its official code; 404 ward_not_found if unknown."""
    ward = session.get(Ward, code)
    if ward is None:
        raise APIError(404, "ward_not_found", f"No ward or commune has the code {code!r}.")
    if geometry:
        return WardWithGeometry.from_ward_with_geometry(ward)
    return WardSummary.from_ward(ward)

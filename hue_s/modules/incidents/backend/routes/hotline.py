"""The hotline log for officers: /api/v1/hotline/calls (log, list, to case) and daily counts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.locale import request_language
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.modules.incidents.backend import hotline
from hue_s.modules.incidents.backend.auth import CaseWorker, SessionDependency, StaffUser
from hue_s.modules.incidents.backend.cases.views import case_detail
from hue_s.modules.incidents.backend.models import HotlineCall, utc_now
from hue_s.modules.incidents.backend.photos.exif import HUE_TIME
from hue_s.modules.incidents.backend.routes.route_class import IncidentsRoute
from hue_s.modules.incidents.backend.schemas import (
    Call,
    CallIn,
    CallToCase,
    CaseDetail,
    DailyCalls,
    RowId,
)

router = APIRouter(
    prefix="/api/v1/hotline",
    tags=["hotline"],
    route_class=IncidentsRoute,
    responses=ERROR_RESPONSES,
)
MAX_DAYS = 366
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def check_day(day: date) -> date:
    """Refuse days far from now (422 invalid_period), which also keeps date arithmetic safe."""
    if not EARLIEST <= day <= LATEST:
        raise APIError(422, "invalid_period", f"Days must be between {EARLIEST} and {LATEST}.")
    return day


def call_view(call: HotlineCall) -> Call:
    """Return the JSON view of a call."""
    return Call.model_validate(call, from_attributes=True)


@router.post("/calls", response_model=Call, status_code=201)
def log_call(session: SessionDependency, user: CaseWorker, body: CallIn) -> Call:
    """Log a call to or from the hotline."""
    return call_view(hotline.log_call(session, body, user, utc_now()))


@router.get("/calls", response_model=list[Call])
def list_calls(
    session: SessionDependency,
    user: StaffUser,
    day: Annotated[date | None, Query(description="Day (Huế time); default today.")] = None,
) -> list[Call]:
    """List the calls of one day, oldest first: an officer's ward's, or all for city-wide staff."""
    start, end = hotline.day_bounds(check_day(day or utc_now().astimezone(HUE_TIME).date()))
    return [call_view(call) for call in session.scalars(hotline.calls_between(user, start, end))]


@router.post("/calls/{call_id}/case", response_model=CaseDetail, status_code=201)
def call_to_case(
    request: Request,
    session: SessionDependency,
    user: CaseWorker,
    language: Annotated[str, Depends(request_language)],
    call_id: RowId,
    body: CallToCase,
) -> CaseDetail:
    """Turn a call of the officer's ward into a case there (404 for another ward's call).

    The case goes to the ward of the point given, else of the ward named, else of the call; an
    officer may file only in their own ward (403 place_not_in_your_ward).
    """
    incident = hotline.call_to_case(session, call_id, body, user, utc_now())
    return case_detail(session, incident, language, str(request.base_url), utc_now(), staff=True)


@router.get("/daily", response_model=list[DailyCalls])
def daily(
    session: SessionDependency,
    user: StaffUser,
    first: Annotated[
        date | None, Query(alias="from", description="First day; default 6 days ago.")
    ] = None,
    last: Annotated[date | None, Query(alias="to", description="Last day; default today.")] = None,
) -> list[DailyCalls]:
    """Count calls per day (incoming, outgoing, turned into cases), as list_calls sees them."""
    last = check_day(last or utc_now().astimezone(HUE_TIME).date())
    first = check_day(first or last - timedelta(days=6))
    if first > last or (last - first).days >= MAX_DAYS:
        raise APIError(422, "invalid_period", f"from must be before to, at most {MAX_DAYS} days.")
    return hotline.daily_counts(session, first, last, user)

"""What a citizen follows: the reports they said "me too" about, and news of their cases live.

GET /api/v1/incidents/mine/followed and GET /api/v1/incidents/mine/stream: both the signed-in
citizen's alone (no path parameter; the caller is the owner).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import or_, select
from starlette.responses import StreamingResponse

from hue_s.backend.kernel.db import close_session
from hue_s.backend.kernel.event_hub import STREAM_RESPONSES, event_stream, resume_point
from hue_s.backend.kernel.locale import request_language
from hue_s.backend.schemas.errors import ERROR_RESPONSES, ErrorResponse
from hue_s.modules.incidents.backend.auth import CurrentUser, SessionDependency
from hue_s.modules.incidents.backend.cases.stream import (
    CaseHub,
    case_stream_lifespan,
    running_case_hub,
)
from hue_s.modules.incidents.backend.cases.views import case_summary, service_names
from hue_s.modules.incidents.backend.models import Incident, IncidentFollower, utc_now
from hue_s.modules.incidents.backend.routes.route_class import IncidentsRoute
from hue_s.modules.incidents.backend.schemas import CaseSummary

router = APIRouter(
    prefix="/api/v1/incidents/mine",
    tags=["incidents"],
    route_class=IncidentsRoute,
    responses=ERROR_RESPONSES,
    lifespan=case_stream_lifespan,
)
Language = Annotated[str, Depends(request_language)]


@router.get("/followed", response_model=list[CaseSummary])
def followed_reports(
    session: SessionDependency,
    user: CurrentUser,
    language: Language,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[CaseSummary]:
    """List the reports the citizen said "me too" about (not their own), latest first."""
    query = (
        select(Incident)
        .join(IncidentFollower, IncidentFollower.incident_id == Incident.id)
        .where(IncidentFollower.user_id == user.id)
        .where(or_(Incident.reporter_id.is_(None), Incident.reporter_id != user.id))
        .where(Incident.public.is_(True))
        .order_by(IncidentFollower.since.desc(), Incident.id.desc())
        .offset(offset)
        .limit(limit)
    )
    names, now = service_names(session, language), utc_now()
    return [case_summary(incident, names, now) for incident in session.scalars(query)]


@router.get(
    "/stream",
    response_class=StreamingResponse,
    responses={
        **STREAM_RESPONSES,
        503: {"model": ErrorResponse, "description": "Streaming not running"},
    },
)
async def stream_my_cases(
    session: SessionDependency,
    user: CurrentUser,
    hub: Annotated[CaseHub, Depends(running_case_hub)],
    after_id: Annotated[int | None, Depends(resume_point)],
) -> StreamingResponse:
    """Stream news of the citizen's own and followed reports: one event per public entry.

    The event's name is the timeline action (accepted, started, resolved, noted...); its data
    `{incident_id, action, status, open311_status, at}`. Resumable with Last-Event-ID (or
    ?after=); a comment opens the stream. Nobody else's cases are ever sent.
    """
    user_id = user.id
    await close_session(session)  # the user is known: hold no connection while streaming
    return event_stream(
        hub, after_id, lambda event: event.frame if user_id in event.audience else None
    )

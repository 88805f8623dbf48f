"""Citizens' follow-up of reports: /api/v1/incidents (mine, one, rating, reopen, me-too, nearby)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import bindparam, select
from starlette.responses import Response

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.blob_store import object_store_of
from hue_s.backend.kernel.conditional import NOT_MODIFIED, json_answer
from hue_s.backend.kernel.locale import request_language
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.modules.incidents.backend.auth import (
    CurrentUser,
    OptionalUser,
    SessionDependency,
    actor_of,
    may_see_private,
)
from hue_s.modules.incidents.backend.cases import citizen_actions
from hue_s.modules.incidents.backend.cases.views import (
    SUMMARY_COLUMNS,
    case_detail,
    service_names,
    summaries_json,
)
from hue_s.modules.incidents.backend.models import Incident, IncidentPhoto, utc_now
from hue_s.modules.incidents.backend.photos.storage import stored_bytes
from hue_s.modules.incidents.backend.routes.route_class import IncidentsRoute
from hue_s.modules.incidents.backend.schemas import (
    CaseDetail,
    CaseSummary,
    Following,
    NearbyIncident,
    RatingBody,
    ReasonBody,
    RowId,
)

router = APIRouter(
    prefix="/api/v1/incidents",
    tags=["incidents"],
    route_class=IncidentsRoute,
    responses=ERROR_RESPONSES,
)
Language = Annotated[str, Depends(request_language)]
MY_REPORTS = (
    select(*SUMMARY_COLUMNS)
    .where(Incident.reporter_id == bindparam("user_id"))
    .order_by(Incident.requested_at.desc(), Incident.id.desc())
    .offset(bindparam("offset"))
    .limit(bindparam("limit"))
)
"""A page of a citizen's reports, newest first (built once: building costs more than running)."""


@router.get("/mine", response_model=list[CaseSummary], responses=NOT_MODIFIED)
def my_reports(
    request: Request,
    session: SessionDependency,
    user: CurrentUser,
    language: Language,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """List the signed-in citizen's reports, newest first (ETag; 304 to an If-None-Match)."""
    page = {"user_id": user.id, "offset": offset, "limit": limit}
    rows = session.connection().execute(MY_REPORTS, page)
    names, now = service_names(session, language), utc_now()
    body = summaries_json(rows, names, now)
    session.close()  # the connection goes back from this thread, not after another hop
    return json_answer(request, body)


@router.get("/nearby", response_model=list[NearbyIncident])
def nearby_reports(
    session: SessionDependency,
    lat: Annotated[float, Query(ge=-90, le=90)],
    lon: Annotated[float, Query(ge=-180, le=180)],
    service_code: str | None = None,
    radius: Annotated[float, Query(gt=0, le=1000, description="Metres.")] = 50,
) -> list[NearbyIncident]:
    """Open public reports near a point (of one service), to offer "me too" over a duplicate."""
    return citizen_actions.nearby(session, lat, lon, service_code, radius)


@router.get("/photos/{photo_id}", response_class=Response)
def photo(
    request: Request, session: SessionDependency, user: OptionalUser, photo_id: str
) -> Response:
    """Serve a stored photo (no metadata) of a report the caller may see."""
    row = session.get(IncidentPhoto, photo_id)
    incident = None if row is None else session.get(Incident, row.incident_id)
    if row is None or incident is None:
        raise APIError(404, "photo_not_found", "No such photo.")
    if not incident.public and not may_see_private(
        None if user is None else actor_of(user), incident
    ):
        raise APIError(404, "photo_not_found", "No such photo.")
    # A public report's photo is open data; a private one's must not stay in any cache.
    cache = "public, max-age=86400" if incident.public else "no-store"
    data = stored_bytes(object_store_of(request), row)
    return Response(data, media_type=row.content_type, headers={"Cache-Control": cache})


@router.get("/{incident_id}", response_model=CaseDetail)
def my_report(
    request: Request,
    session: SessionDependency,
    user: CurrentUser,
    language: Language,
    incident_id: RowId,
) -> CaseDetail:
    """Return one of the citizen's own reports in full (404 for anyone else's)."""
    incident = citizen_actions.own_report(session, incident_id, user)
    return case_detail(session, incident, language, str(request.base_url), utc_now(), staff=False)


@router.post("/{incident_id}/rating", response_model=CaseDetail)
def rate_report(
    request: Request,
    session: SessionDependency,
    user: CurrentUser,
    language: Language,
    incident_id: RowId,
    body: RatingBody,
) -> CaseDetail:
    """Rate the outcome of one's resolved report (1-5 stars and a comment), once."""
    incident = citizen_actions.own_report(session, incident_id, user)
    citizen_actions.rate(session, incident, user, utc_now(), body.stars, body.comment)
    session.commit()
    return case_detail(session, incident, language, str(request.base_url), utc_now(), staff=False)


@router.post("/{incident_id}/reopen", response_model=CaseDetail)
def reopen_report(
    request: Request,
    session: SessionDependency,
    user: CurrentUser,
    language: Language,
    incident_id: RowId,
    body: ReasonBody,
) -> CaseDetail:
    """Reopen one's resolved report within 7 days of its resolution, with a reason."""
    incident = citizen_actions.own_report(session, incident_id, user)
    citizen_actions.reopen(session, incident, user, utc_now(), body.reason)
    session.commit()
    return case_detail(session, incident, language, str(request.base_url), utc_now(), staff=False)


@router.post("/{incident_id}/me-too", response_model=Following)
def me_too(session: SessionDependency, user: CurrentUser, incident_id: RowId) -> Following:
    """Follow a report ("me too") instead of reporting it again."""
    count = citizen_actions.follow(session, incident_id, user, utc_now())
    return Following(incident_id=incident_id, followers=count)

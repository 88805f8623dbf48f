"""GeoReport v2 requests: POST and GET /open311/v2/requests, requests/{id}, tokens/{token}."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import Row, select
from starlette.responses import Response

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.conditional import NOT_MODIFIED, conditional
from hue_s.modules.incidents.backend.auth import (
    SessionDependency,
    may_see_private,
    open311_caller,
)
from hue_s.modules.incidents.backend.cases.lifecycle import Actor
from hue_s.modules.incidents.backend.cases.status import statuses_for_open311
from hue_s.modules.incidents.backend.models import Incident
from hue_s.modules.incidents.backend.open311 import format as open311_format
from hue_s.modules.incidents.backend.open311.params import Language, ResponseFormat
from hue_s.modules.incidents.backend.open311.queries import (
    RECORD_BY_ID,
    RequestSearch,
    record_extras,
    search_query,
)
from hue_s.modules.incidents.backend.open311.records import request_record
from hue_s.modules.incidents.backend.photos.exif import HUE_TIME
from hue_s.modules.incidents.backend.routes.open311_services import PREFIX
from hue_s.modules.incidents.backend.routes.route_class import Open311Route
from hue_s.modules.incidents.backend.schemas import MAX_ROW_ID

DEFAULT_PAGE_SIZE = 50
"""A page's size when `page` is given without `page_size` (the Hue-S paging extension)."""
MAX_PAGE_SIZE = 1000
SPEC_LIMIT = 1000
"""What GeoReport v2 returns without paging parameters: up to 1000 requests."""
MAX_PAGE = 100_000
router = APIRouter(prefix=PREFIX, tags=["open311"], route_class=Open311Route)
Caller = Annotated[Actor | None, Depends(open311_caller)]
Extensions = Annotated[
    bool, Query(description="Add extended_attributes: ward, photos, public timeline.")
]


def in_hue_time(moment: datetime | None) -> datetime | None:
    """Return a datetime with a zone; one given without is taken as Huế time."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=HUE_TIME)


def comma_list(value: str | None) -> list[str]:
    """Split a comma-delimited parameter."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def request_ids(value: str | None) -> list[int]:
    """Parse service_request_id (comma-delimited; 400 invalid_service_request_id)."""
    parts = comma_list(value)
    if not all(part.isdigit() and 0 < int(part) <= MAX_ROW_ID for part in parts):
        raise APIError(400, "invalid_service_request_id", "service_request_id must be ids.")
    return [int(part) for part in parts]


def open311_statuses(value: str | None) -> set[str]:
    """Parse status (open, closed; comma-delimited) into case statuses."""
    wanted = set(comma_list(value))
    if not wanted <= {"open", "closed"}:
        raise APIError(400, "invalid_status", "status must be open, closed or both.")
    return statuses_for_open311(wanted)


@router.get("/requests.{response_format}", response_class=Response, responses=NOT_MODIFIED)
def list_requests(
    request: Request,
    session: SessionDependency,
    response_format: ResponseFormat,
    language: Language,
    caller: Caller,
    service_request_id: str | None = None,
    service_code: str | None = None,
    start_date: datetime | None = None,
    end_date: datetime | None = None,
    status: str | None = None,
    page: Annotated[
        int | None, Query(ge=1, le=MAX_PAGE, description="Page (paging extension; from 1).")
    ] = None,
    page_size: Annotated[
        int | None,
        Query(ge=1, le=MAX_PAGE_SIZE, description=f"Default {DEFAULT_PAGE_SIZE} with page."),
    ] = None,
    extensions: Extensions = False,
) -> Response:
    """List public requests, newest first, at most 90 days at a time (the last 90 by default).

    Without page or page_size, up to 1000 requests, as GeoReport v2 says; with either, a page.
    """
    if page is None and page_size is None:
        page, page_size = 1, SPEC_LIMIT
    search = RequestSearch(
        ids=request_ids(service_request_id),
        service_codes=comma_list(service_code),
        statuses=open311_statuses(status),
        start=in_hue_time(start_date),
        end=in_hue_time(end_date),
        page=page or 1,
        page_size=page_size or DEFAULT_PAGE_SIZE,
    )
    now = now_of(request)  # read here: as a dependency, it cost more than the call
    query, values = search_query(search, caller, now)
    rows = list(session.connection().execute(query, values))
    answer = render_requests(request, session, rows, language, response_format, extensions)
    session.close()  # the connection goes back from this thread, not after another hop
    return conditional(request, answer)  # with its ETag; 304 to an If-None-Match naming it


def render_requests(
    request: Request,
    session: SessionDependency,
    rows: Sequence[Row[Any]],
    language: str,
    response_format: str,
    extensions: bool,
) -> Response:
    """Render rows of RECORD_COLUMNS as the GeoReport service_requests list."""
    extras = record_extras(session, rows, language, str(request.base_url), extensions=extensions)
    records = [request_record(row, extras, extensions=extensions) for row in rows]
    return open311_format.render(records, "service_requests", response_format)


@router.get("/requests/{service_request_id}.{response_format}", response_class=Response)
def read_request(
    request: Request,
    session: SessionDependency,
    service_request_id: str,
    response_format: ResponseFormat,
    language: Language,
    caller: Caller,
    extensions: Extensions = False,
) -> Response:
    """Return one request (404 request_not_found, also for another citizen's private one)."""
    number = int(service_request_id) if service_request_id.isdigit() else 0
    incident = session.get(Incident, number) if 0 < number <= MAX_ROW_ID else None
    if incident is None or not (incident.public or may_see_private(caller, incident)):
        raise APIError(404, "request_not_found", f"No request {service_request_id!r}.")
    rows = list(session.connection().execute(RECORD_BY_ID, {"id": number}))
    return render_requests(request, session, rows, language, response_format, extensions)


@router.get("/tokens/{token}.{response_format}", response_class=Response)
def read_token(session: SessionDependency, token: str, response_format: ResponseFormat) -> Response:
    """Return the service_request_id a POST's token stands for (404 token_not_found)."""
    incident_id = session.scalar(select(Incident.id).where(Incident.token == token))
    if incident_id is None:
        raise APIError(404, "token_not_found", f"No request has the token {token!r}.")
    record = {"service_request_id": str(incident_id), "token": token}
    return open311_format.render([record], "service_requests", response_format)

"""GeoReport v2 requests: POST and GET /open311/v2/requests, requests/{id}, tokens/{token}."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import Row, select
from sqlalchemy.orm import Session
from starlette.responses import Response

from hue_s.backend.accounts.deps import api_client_id
from hue_s.backend.api_errors import APIError
from hue_s.backend.incidents import open311_format
from hue_s.backend.incidents.auth import (
    OptionalUser,
    SessionDependency,
    actor_of,
    given_api_key,
    may_see_private,
    open311_caller,
)
from hue_s.backend.incidents.idempotency import HEADER
from hue_s.backend.incidents.lifecycle import Actor
from hue_s.backend.incidents.models import Incident, IncidentService, utc_now
from hue_s.backend.incidents.open311_params import (
    Jurisdiction,
    Language,
    PostedSubmission,
    ResponseFormat,
)
from hue_s.backend.incidents.open311_queries import RequestSearch, record_extras, search_statement
from hue_s.backend.incidents.open311_records import request_record, timestamp
from hue_s.backend.incidents.open311_services_api import PREFIX
from hue_s.backend.incidents.photo_exif import HUE_TIME
from hue_s.backend.incidents.reporting import create_incident, find_service
from hue_s.backend.incidents.routes import Open311Route
from hue_s.backend.incidents.schemas import MAX_ROW_ID
from hue_s.backend.incidents.status import statuses_for_open311

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
MAX_PAGE = 100_000
router = APIRouter(
    prefix=PREFIX, tags=["open311"], route_class=Open311Route, dependencies=[Jurisdiction]
)
Caller = Annotated[Actor | None, Depends(open311_caller)]
Extensions = Annotated[
    bool, Query(description="Add extended_attributes: ward, photos, public timeline.")
]


def client_uuid_of(request: Request) -> str | None:
    """Return the Idempotency-Key when it is a UUID (the app's outbox key for the report)."""
    try:
        return str(uuid.UUID(request.headers.get(HEADER, "").strip().strip('"')))
    except ValueError:
        return None


def service_notice(service: IncidentService, incident: Incident, language: str) -> str:
    """Return what will happen next, in the caller's language."""
    due = timestamp(incident.deadline_at)
    if language == "en":
        return f"Received. {service.agency} is expected to handle it by {due}."
    return f"Đã tiếp nhận. {service.agency} dự kiến xử lý trước {due}."


async def open311_poster(request: Request, user: OptionalUser) -> Actor | str:
    """Who posts: the signed-in user, else the api_key to check (403 api_key_required).

    The key is checked with the report, on the same worker thread and database connection.
    """
    if user is not None:
        return actor_of(user)
    key = await given_api_key(request)
    if key is None:
        raise APIError(403, "api_key_required", "Sign in, or give the api_key of your client.")
    return key


def actor_posting(session: Session, poster: Actor | str) -> Actor:
    """Return the actor of a POST: the signed-in user, or the client of a valid api_key (403)."""
    if isinstance(poster, Actor):
        return poster
    return Actor(id=None, role="api_client", client_id=api_client_id(session, poster))


@router.post("/requests.{response_format}", response_class=Response)
def post_request(
    request: Request,
    session: SessionDependency,
    response_format: ResponseFormat,
    language: Language,
    submission: PostedSubmission,
    poster: Annotated[Actor | str, Depends(open311_poster)],
) -> Response:
    """Report a problem (form fields per GeoReport v2; photos as multipart `media`)."""
    submitter = actor_posting(session, poster)
    service = find_service(session, submission.service_code)
    incident = create_incident(
        session, submission, submitter, utc_now(), client_uuid_of(request), service=service
    )
    if service is None or service.code != incident.service_code:  # an earlier report replayed
        service = find_service(session, incident.service_code)
    assert service is not None
    created = {
        "service_request_id": str(incident.id),
        "token": incident.token,
        "service_notice": service_notice(service, incident, language),
    }
    return open311_format.render([created], "service_requests", response_format)


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


@router.get("/requests.{response_format}", response_class=Response)
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
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    extensions: Extensions = False,
) -> Response:
    """List public requests, newest first, at most 90 days at a time, a page at a time."""
    search = RequestSearch(
        ids=request_ids(service_request_id),
        service_codes=comma_list(service_code),
        statuses=open311_statuses(status),
        start=in_hue_time(start_date),
        end=in_hue_time(end_date),
        page=page,
        page_size=page_size,
    )
    incidents = list(session.execute(search_statement(search, caller, utc_now())))
    return render_requests(request, session, incidents, language, response_format, extensions)


def render_requests(
    request: Request,
    session: SessionDependency,
    incidents: Sequence[Incident | Row[Any]],
    language: str,
    response_format: str,
    extensions: bool,
) -> Response:
    """Render requests as the GeoReport service_requests list."""
    extras = record_extras(
        session, incidents, language, str(request.base_url), extensions=extensions
    )
    records = [
        request_record(incident, extras[incident.id], extensions=extensions)
        for incident in incidents
    ]
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
    return render_requests(request, session, [incident], language, response_format, extensions)


@router.get("/tokens/{token}.{response_format}", response_class=Response)
def read_token(session: SessionDependency, token: str, response_format: ResponseFormat) -> Response:
    """Return the service_request_id a POST's token stands for (404 token_not_found)."""
    incident_id = session.scalar(select(Incident.id).where(Incident.token == token))
    if incident_id is None:
        raise APIError(404, "token_not_found", f"No request has the token {token!r}.")
    record = {"service_request_id": str(incident_id), "token": token}
    return open311_format.render([record], "service_requests", response_format)

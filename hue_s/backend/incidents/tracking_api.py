"""Filing for a visitor at the ward office, and following any case by its public tracking code.

- `POST /api/v1/incidents/assisted` (officers): the GeoReport form fields of the report, photos
  as multipart `media`, plus `visitor_name` and `visitor_phone` (both optional).
- `GET /api/v1/incidents/track/{code}` (anyone): the case's status, category, ward and public
  timeline, without personal data.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.datastructures import FormData

from hue_s.backend.accounts.deps import require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.api_errors import APIError
from hue_s.backend.incidents.assisted import file_for_visitor, visitor_of
from hue_s.backend.incidents.auth import SessionDependency
from hue_s.backend.incidents.idempotency import client_uuid_of
from hue_s.backend.incidents.locale import request_language
from hue_s.backend.incidents.models import utc_now
from hue_s.backend.incidents.open311_params import PostedSubmission, posted_form
from hue_s.backend.incidents.routes import IdempotentRoute
from hue_s.backend.incidents.tracking import MAX_CODE_LENGTH, find_by_code, tracked_case
from hue_s.backend.incidents.tracking_schemas import AssistedFiling, TrackedCase
from hue_s.backend.schemas.errors import ERROR_RESPONSES

router = APIRouter(
    prefix="/api/v1/incidents",
    tags=["incidents"],
    route_class=IdempotentRoute,
    responses=ERROR_RESPONSES,
)
Language = Annotated[str, Depends(request_language)]
OfficerUser = Annotated[User, Depends(require_roles("officer"))]
Code = Annotated[
    str,
    Path(max_length=MAX_CODE_LENGTH, description='A tracking code, e.g. "42-7KQ9-MXA3".'),
]


@router.post("/assisted", response_model=AssistedFiling, status_code=201)
def file_for_a_visitor(
    request: Request,
    session: SessionDependency,
    officer: OfficerUser,
    language: Language,
    submission: PostedSubmission,
    form: Annotated[FormData, Depends(posted_form)],
) -> AssistedFiling:
    """File a report for a visitor at the ward office (GeoReport form fields, photos as media).

    `visitor_name` and `visitor_phone` (a Vietnamese mobile) are optional; with a phone, the
    case shows in the visitor's reports once they sign in with it.
    """
    visitor = visitor_of(form)
    now = utc_now()
    incident = file_for_visitor(session, submission, visitor, officer, now, client_uuid_of(request))
    tracked = tracked_case(session, incident, language, now)
    return AssistedFiling(**tracked.model_dump(), visitor_linked=incident.reporter_id is not None)


@router.get("/track/{code}", response_model=TrackedCase)
def track(session: SessionDependency, language: Language, code: Code) -> TrackedCase:
    """Follow a case by its tracking code, signed in or not (404 for an unknown code)."""
    incident = find_by_code(session, code)
    if incident is None:
        raise APIError(404, "tracking_code_not_found", "No case has this tracking code.")
    return tracked_case(session, incident, language, utc_now())

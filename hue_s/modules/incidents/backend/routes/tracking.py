"""Filing for a visitor at the ward office, and following any case by its public tracking code.

- `POST /api/v1/incidents/assisted` (officers, for their own ward): the GeoReport form fields of
  the report, photos as multipart `media`, plus `visitor_name` and `visitor_phone` (optional).
- `GET /api/v1/incidents/track/{code}` (anyone): the case's status, category, ward and public
  timeline, without personal data.
- `POST /api/v1/incidents/track/{code}/claim` (a signed-in citizen): add a case filed for them
  at a ward office to their reports.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.datastructures import FormData

from hue_s.backend.accounts.deps import require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.blob_store import object_store_of
from hue_s.backend.kernel.locale import request_language
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.modules.incidents.backend.auth import SessionDependency
from hue_s.modules.incidents.backend.cases.assisted import (
    claim_filed_case,
    file_for_visitor,
    visitor_of,
)
from hue_s.modules.incidents.backend.cases.views import case_detail
from hue_s.modules.incidents.backend.client_uuid import client_uuid_of
from hue_s.modules.incidents.backend.models import utc_now
from hue_s.modules.incidents.backend.open311.params import PostedSubmission, posted_form
from hue_s.modules.incidents.backend.routes.route_class import IncidentsRoute
from hue_s.modules.incidents.backend.schemas import CaseDetail
from hue_s.modules.incidents.backend.tracking.codes import (
    MAX_CODE_LENGTH,
    find_by_code,
    tracked_case,
)
from hue_s.modules.incidents.backend.tracking.schemas import TrackedCase

router = APIRouter(
    prefix="/api/v1/incidents",
    tags=["incidents"],
    route_class=IncidentsRoute,
    responses=ERROR_RESPONSES,
)
Language = Annotated[str, Depends(request_language)]
OfficerUser = Annotated[User, Depends(require_roles("officer"))]
CitizenUser = Annotated[User, Depends(require_roles("citizen", "business"))]
Code = Annotated[
    str,
    Path(max_length=MAX_CODE_LENGTH, description='A tracking code, e.g. "42-7KQ9-MXA3".'),
]


@router.post("/assisted", response_model=TrackedCase, status_code=201)
def file_for_a_visitor(
    request: Request,
    session: SessionDependency,
    officer: OfficerUser,
    language: Language,
    submission: PostedSubmission,
    form: Annotated[FormData, Depends(posted_form)],
) -> TrackedCase:
    """File a report for a visitor at the ward office (GeoReport form fields, photos as media).

    The place must be in the officer's ward (403 place_not_in_your_ward). `visitor_name` and
    `visitor_phone` (a Vietnamese mobile) are optional and kept for the ward to call back; the
    answer is what the slip shows. The visitor adds the case to their reports with the slip's
    code (`POST /track/{code}/claim`), signed in with the phone they gave, if any.
    """
    visitor = visitor_of(form)
    now = utc_now()
    store = object_store_of(request)
    uuid = client_uuid_of(request)
    incident = file_for_visitor(session, submission, visitor, officer, now, uuid, store)
    return tracked_case(session, incident, language, now)


@router.get("/track/{code}", response_model=TrackedCase)
def track(session: SessionDependency, language: Language, code: Code) -> TrackedCase:
    """Follow a case by its tracking code, signed in or not (404 for an unknown code)."""
    incident = find_by_code(session, code)
    if incident is None:
        raise APIError(404, "tracking_code_not_found", "No case has this tracking code.")
    return tracked_case(session, incident, language, utc_now())


@router.post("/track/{code}/claim", response_model=CaseDetail)
def claim(
    request: Request, session: SessionDependency, user: CitizenUser, language: Language, code: Code
) -> CaseDetail:
    """Add a case filed for the caller at a ward office to their reports, by the slip's code.

    When the visitor gave a phone at the ward office, only that phone's account may claim it
    (403 claim_phone_mismatch); a case in someone else's reports gives 409 case_already_claimed,
    a case not filed at a ward office 409 case_not_claimable, a wrong code 404.
    """
    incident = claim_filed_case(session, code, user)
    return case_detail(session, incident, language, str(request.base_url), utc_now(), staff=False)

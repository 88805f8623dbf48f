"""Officer case handling: /api/v1/cases (inbox of a ward, and the actions on one case)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.blob_store import object_store_of
from hue_s.backend.kernel.conditional import NOT_MODIFIED, json_answer
from hue_s.backend.kernel.locale import request_language
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.modules.incidents.backend.auth import (
    CITY_WIDE_ROLES,
    CaseWorker,
    SessionDependency,
    StaffUser,
)
from hue_s.modules.incidents.backend.cases import actions as case_actions
from hue_s.modules.incidents.backend.cases.status import OPEN_STATUSES
from hue_s.modules.incidents.backend.cases.views import (
    SUMMARY_COLUMNS,
    case_detail,
    service_names,
    summaries_json,
)
from hue_s.modules.incidents.backend.models import STATUSES, Incident, utc_now
from hue_s.modules.incidents.backend.photos.checks import MAX_PHOTO_BYTES
from hue_s.modules.incidents.backend.photos.exif import sent_place_and_time
from hue_s.modules.incidents.backend.routes.route_class import IncidentsRoute
from hue_s.modules.incidents.backend.schemas import (
    AcceptBody,
    CaseDetail,
    CaseSummary,
    NoteBody,
    ReasonBody,
    RowId,
    TransferBody,
)

router = APIRouter(
    prefix="/api/v1/cases", tags=["cases"], route_class=IncidentsRoute, responses=ERROR_RESPONSES
)
Language = Annotated[str, Depends(request_language)]
RESOLVE_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024
INBOX = (
    select(*SUMMARY_COLUMNS)
    .where(Incident.status.in_(bindparam("statuses", expanding=True)))
    .order_by(Incident.deadline_at, Incident.id)
    .offset(bindparam("offset"))
    .limit(bindparam("limit"))
)
"""A page of cases by deadline (built once: building costs more than running)."""
INBOX_OF_WARD = INBOX.where(Incident.ward_code == bindparam("ward_code"))
"""An after photo, its note, place and time, and the form's framing (see body_limits)."""


def worked_case(session: SessionDependency, user: CaseWorker, case_id: RowId) -> Incident:
    """FastAPI dependency: the case of the path, if the caller works on its ward (else 404)."""
    return case_actions.case_for_staff(session, case_id, user)


WorkedCase = Annotated[Incident, Depends(worked_case)]


def detail(request: Request, session: Session, incident: Incident, language: str) -> CaseDetail:
    """Return the staff view of a case after a change (committing it first)."""
    session.commit()
    return case_detail(session, incident, language, str(request.base_url), utc_now(), staff=True)


@router.get("", response_model=list[CaseSummary], responses=NOT_MODIFIED)
def inbox(
    request: Request,
    session: SessionDependency,
    user: StaffUser,
    language: Language,
    ward_code: str | None = None,
    status: Annotated[list[str] | None, Query(description="Statuses; default: open ones.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """List the cases of the officer's ward by deadline, overdue first (ETag; 304 if unchanged)."""
    if user.role not in CITY_WIDE_ROLES:
        if ward_code not in (None, user.ward_code):
            raise APIError(403, "case_not_in_your_ward", "Officers see their own ward's cases.")
        ward_code = user.ward_code
    wanted = status or list(OPEN_STATUSES)
    if not set(wanted) <= set(STATUSES):
        raise APIError(422, "invalid_status", f"status must be among {', '.join(STATUSES)}.")
    page = {"statuses": wanted, "ward_code": ward_code, "offset": offset, "limit": limit}
    query = INBOX if ward_code is None else INBOX_OF_WARD
    rows = session.connection().execute(query, page)
    names, now = service_names(session, language), utc_now()
    body = summaries_json(rows, names, now)
    session.close()  # the connection goes back from this thread, not after another hop
    return json_answer(request, body)


@router.get("/{case_id}", response_model=CaseDetail)
def read_case(
    request: Request,
    session: SessionDependency,
    user: StaffUser,
    case_id: RowId,
    language: Language,
) -> CaseDetail:
    """Return a case with its reporter contact, photos and whole timeline."""
    return detail(request, session, case_actions.case_for_staff(session, case_id, user), language)


@router.post("/{case_id}/accept", response_model=CaseDetail)
def accept_case(
    request: Request,
    session: SessionDependency,
    user: CaseWorker,
    incident: WorkedCase,
    language: Language,
    body: AcceptBody | None = None,
) -> CaseDetail:
    """Take a received or transferred case on (status assigned)."""
    case_actions.accept(session, incident, user, utc_now(), None if body is None else body.note)
    return detail(request, session, incident, language)


@router.post("/{case_id}/start", response_model=CaseDetail)
def start_case(
    request: Request,
    session: SessionDependency,
    user: CaseWorker,
    incident: WorkedCase,
    language: Language,
    body: AcceptBody | None = None,
) -> CaseDetail:
    """Mark an assigned case as being worked on (status in_progress)."""
    case_actions.start(session, incident, user, utc_now(), None if body is None else body.note)
    return detail(request, session, incident, language)


@router.post("/{case_id}/transfer", response_model=CaseDetail)
def transfer_case(
    request: Request,
    session: SessionDependency,
    user: CaseWorker,
    incident: WorkedCase,
    body: TransferBody,
    language: Language,
) -> CaseDetail:
    """Hand a case to another ward or commune, with a reason (status transferred)."""
    case_actions.transfer(session, incident, user, utc_now(), body.ward_code, body.reason)
    return detail(request, session, incident, language)


@router.post("/{case_id}/notes", response_model=CaseDetail)
def note_case(
    request: Request,
    session: SessionDependency,
    user: CaseWorker,
    incident: WorkedCase,
    body: NoteBody,
    language: Language,
) -> CaseDetail:
    """Add a note to the timeline (public by default)."""
    case_actions.add_note(session, incident, user, utc_now(), body.note, body.public)
    return detail(request, session, incident, language)


@router.post("/{case_id}/reject", response_model=CaseDetail)
def reject_case(
    request: Request,
    session: SessionDependency,
    user: CaseWorker,
    incident: WorkedCase,
    body: ReasonBody,
    language: Language,
) -> CaseDetail:
    """Close a case without action, with a reason (status rejected)."""
    case_actions.reject(session, incident, user, utc_now(), body.reason)
    return detail(request, session, incident, language)


@router.post(
    "/{case_id}/resolve",
    response_model=CaseDetail,
    responses={413: {"description": f"The body has more than {RESOLVE_BODY_BYTES} bytes."}},
)
async def resolve_case(
    request: Request,
    session: SessionDependency,
    user: CaseWorker,
    case_id: RowId,
    language: Language,
    photo: Annotated[UploadFile | None, File(description="The after photo (required).")] = None,
    note: Annotated[str | None, Form(max_length=2000)] = None,
    taken_at: Annotated[
        str | None,
        Form(
            max_length=40,
            description="When the photo was taken, ISO 8601 (no zone: Huế time); for a photo "
            "without EXIF, e.g. one the app stripped.",
        ),
    ] = None,
    lat: Annotated[
        str | None, Form(max_length=40, description="Where the photo was taken: latitude.")
    ] = None,
    long: Annotated[
        str | None, Form(max_length=40, description="Where the photo was taken: longitude.")
    ] = None,
) -> CaseDetail:
    """Close a case as fixed with an after photo taken near the report and after it.

    Where both the after photo and a report photo carry a place and a time (their EXIF, or the
    fields sent beside them), the after photo must be within 200 m of the report and later than
    its photo (422 after_photo_too_far / after_photo_too_early). The timeline records whether
    the check applied (proof_checked, with the distance) or not (proof_not_checked).
    """
    if photo is not None and photo.size is not None and photo.size > MAX_PHOTO_BYTES:
        raise APIError(413, "photo_too_large", f"A photo may have at most {MAX_PHOTO_BYTES} bytes.")
    sent = sent_place_and_time(taken_at, lat, long, status=422)
    data = await photo.read(MAX_PHOTO_BYTES + 1) if photo is not None else None

    store = object_store_of(request)

    def resolve() -> CaseDetail:
        """Resolve in a worker thread (database, image and object store work)."""
        incident = case_actions.case_for_staff(session, case_id, user)
        case_actions.resolve(session, incident, user, utc_now(), data, note, sent, store)
        return detail(request, session, incident, language)

    return await run_in_threadpool(resolve)

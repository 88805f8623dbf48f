"""Public services' HTTP API: the catalogue (public), dossiers (citizens), the ward's inbox
and actions (staff), and tracking by code (anyone, without personal data)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter
from sqlalchemy import case, select
from starlette.concurrency import run_in_threadpool

from hue_s.backend.accounts.deps import SessionDependency, current_user, require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.api_errors import APIError
from hue_s.backend.clock import now_of
from hue_s.backend.conditional import NOT_MODIFIED, json_answer
from hue_s.backend.db import run_write
from hue_s.backend.locale import request_language
from hue_s.modules.services.backend import actions
from hue_s.modules.services.backend.assisted import (
    file_for_visitor,
    office_note,
    ownerless_dossier,
    visitor_of,
)
from hue_s.modules.services.backend.catalogue import Catalogue, catalogue_of
from hue_s.modules.services.backend.dossiers import (
    STAFF_EVERYWHERE,
    Filing,
    Upload,
    file_dossier,
    full,
    handled_dossier,
    tracked,
    visible_dossier,
)
from hue_s.modules.services.backend.drafts import forget_draft, keep_draft, my_drafts, read_draft
from hue_s.modules.services.backend.models import DossierResultRow, DossierRow
from hue_s.modules.services.backend.uploads import (
    answers_of,
    approval_of,
    read_form,
    text_field,
    uploads_of,
)
from hue_s.modules.services.form_export import form_json_schema
from hue_s.modules.services.wire import (
    STAFF_ACTIONS,
    Dossier,
    Procedure,
    ProcedureSummary,
    StaffAction,
    Topics,
    TrackedDossier,
)
from hue_s.modules.services.wire_drafts import DraftBody, ServiceDraft

router = APIRouter(prefix="/api/v1/services", tags=["services"])
CatalogueDependency = Annotated[Catalogue, Depends(catalogue_of)]
Citizen = Annotated[User, Depends(current_user)]
Staff = Annotated[User, Depends(require_roles("officer", *STAFF_EVERYWHERE))]
WardOfficer = Annotated[User, Depends(require_roles("officer"))]
DossierCode = Annotated[str, Path(min_length=8, max_length=32, pattern=r"^[0-9A-Z-]+$")]
Note = Annotated[str | None, Body(embed=True, max_length=2000)]
PAGE = 200
TRACKED_LIST = TypeAdapter(list[TrackedDossier])
DOSSIER_LIST = TypeAdapter(list[Dossier])


Language = Annotated[str, Depends(request_language)]


@router.get("/procedures", response_model=list[ProcedureSummary])
def list_procedures(
    catalogue: CatalogueDependency,
    lang: Language,
    q: Annotated[str, Query(max_length=100, description="Words, with or without accents")] = "",
    field: Annotated[str | None, Query(max_length=40)] = None,
    life_event: Annotated[str | None, Query(max_length=40)] = None,
    audience: Annotated[str | None, Query(pattern="^(citizen|business)$")] = None,
) -> list[ProcedureSummary]:
    """Search the procedures (public): every word as a word's start, diacritics ignored."""
    return catalogue.search(lang, q, field, life_event, audience)[:PAGE]


@router.get("/topics", response_model=Topics)
def list_topics(catalogue: CatalogueDependency, lang: Language) -> Topics:
    """Return the fields and life events to browse by (public)."""
    return catalogue.topics[lang]


@router.get("/procedures/{procedure_code}", response_model=Procedure)
def read_procedure(
    catalogue: CatalogueDependency,
    lang: Language,
    procedure_code: Annotated[str, Path(max_length=40)],
) -> Procedure:
    """Return one procedure's page (public)."""
    page = catalogue.page(procedure_code, lang)
    if page is None:
        raise APIError(404, "not_found", "No such procedure.")
    return page


@router.get(
    "/procedures/{procedure_code}/form-schema",
    response_class=JSONResponse,
    responses={200: {"content": {"application/schema+json": {}}}},
)
def read_form_schema(
    catalogue: CatalogueDependency,
    lang: Language,
    procedure_code: Annotated[str, Path(max_length=40)],
) -> JSONResponse:
    """Return the JSON Schema (draft 2020-12) of a procedure's online form answers (public;
    404 when it has no online form)."""
    page = catalogue.page(procedure_code, lang)
    if page is None or not page.form:
        raise APIError(404, "not_found", "No such procedure with an online form.")
    schema = form_json_schema(page.form, page.name)
    return JSONResponse(schema, media_type="application/schema+json")


@router.post("/dossiers", response_model=Dossier, status_code=201)
async def create_dossier(
    request: Request,
    response: Response,
    user: Citizen,
    session: SessionDependency,
    catalogue: CatalogueDependency,
    lang: Language,
    idempotency_key: Annotated[str | None, Header(max_length=64)] = None,
) -> Dossier:
    """File a dossier (multipart: procedure_code, ward_code, answers as JSON, one
    `document:<code>` file per document); the same Idempotency-Key gives back the same
    dossier (200)."""
    form = await read_form(request)
    try:
        filing = Filing(
            procedure_code=text_field(form, "procedure_code") or "",
            ward_code=text_field(form, "ward_code") or "",
            answers=answers_of(form),
            uploads=await uploads_of(form),
            idempotency_key=idempotency_key,
        )
    finally:
        await form.close()
    now = now_of(request)
    row, new = await run_in_threadpool(file_dossier, session, catalogue, user, filing, now)
    if not new:
        response.status_code = 200
    return await run_in_threadpool(full, session, catalogue, row, lang)


@router.post("/assisted-dossiers", response_model=Dossier, status_code=201)
async def create_assisted_dossier(
    request: Request,
    response: Response,
    officer: WardOfficer,
    session: SessionDependency,
    catalogue: CatalogueDependency,
    lang: Language,
    idempotency_key: Annotated[str | None, Header(max_length=64)] = None,
) -> Dossier:
    """A ward officer files a dossier at their ward's office for a visitor (multipart as
    POST /dossiers, with visitor_name and an optional visitor_phone; ward_code defaults to the
    officer's; 403 for another ward). It is nobody's: the visitor follows it by its code."""
    form = await read_form(request)
    try:
        visitor = visitor_of(form)
        filing = Filing(
            procedure_code=text_field(form, "procedure_code") or "",
            ward_code=text_field(form, "ward_code", required=False) or officer.ward_code or "",
            answers=answers_of(form),
            uploads=await uploads_of(form),
            idempotency_key=idempotency_key,
        )
    finally:
        await form.close()
    now = now_of(request)
    row, new = await run_in_threadpool(
        file_for_visitor, session, catalogue, officer, filing, visitor, now
    )
    if not new:
        response.status_code = 200
    return await run_in_threadpool(full, session, catalogue, row, lang)


ProcedureCode = Annotated[str, Path(max_length=40)]


@router.get("/drafts", response_model=list[ServiceDraft])
def list_drafts(user: Citizen, session: SessionDependency) -> list[ServiceDraft]:
    """Return the caller's half-filled dossiers, last changed first."""
    return my_drafts(session, user)


@router.get("/drafts/{procedure_code}", response_model=ServiceDraft)
def get_draft(
    user: Citizen, session: SessionDependency, procedure_code: ProcedureCode
) -> ServiceDraft:
    """Return the caller's draft of a procedure (404 when there is none)."""
    return read_draft(session, user, procedure_code)


@router.put("/drafts/{procedure_code}", response_model=ServiceDraft)
async def put_draft(
    request: Request,
    user: Citizen,
    session: SessionDependency,
    procedure_code: ProcedureCode,
    body: DraftBody,
) -> ServiceDraft:
    """Keep the caller's draft of a procedure as sent (at most 64 kB: 413 beyond)."""
    return await run_write(
        request, keep_draft, session, user, procedure_code, body.draft, now_of(request)
    )


@router.delete("/drafts/{procedure_code}", status_code=204)
async def delete_draft(
    request: Request, user: Citizen, session: SessionDependency, procedure_code: ProcedureCode
) -> Response:
    """Drop the caller's draft of a procedure (none there: 204 all the same)."""

    def work() -> None:
        forget_draft(session, user.id, procedure_code)
        session.commit()

    await run_write(request, work)
    return Response(status_code=204)


@router.get("/dossiers/mine", response_model=list[TrackedDossier], responses=NOT_MODIFIED)
def my_dossiers(
    request: Request,
    user: Citizen,
    session: SessionDependency,
    catalogue: CatalogueDependency,
    lang: Language,
) -> Response:
    """Return the caller's dossiers, newest first (ETag; 304 to an If-None-Match: the app
    polls this list to tell its owner when a dossier moves)."""
    query = select(DossierRow).where(DossierRow.user_id == user.id)
    rows = session.scalars(query.order_by(DossierRow.submitted_at.desc()).limit(PAGE))
    found = [tracked(session, catalogue, row, lang) for row in rows]
    return json_answer(request, TRACKED_LIST.dump_json(found))


@router.get("/inbox", response_model=list[Dossier], responses=NOT_MODIFIED)
def inbox(
    request: Request,
    staff: Staff,
    session: SessionDependency,
    catalogue: CatalogueDependency,
    lang: Language,
) -> Response:
    """Return the dossiers staff handle (officers: their ward's, until sent to the city tier;
    city-wide staff: all, the city tier's first), open ones first, soonest due first (ETag;
    304 to an If-None-Match: the staff app polls it to hear of supplements)."""
    query = select(DossierRow)
    tier_first: list[Any] = []
    if staff.role in STAFF_EVERYWHERE:
        tier_first = [DossierRow.city_tier.desc()]
    else:
        query = query.where(
            DossierRow.ward_code == staff.ward_code, DossierRow.city_tier.is_(False)
        )
    closed = case((DossierRow.status.in_(("approved", "rejected")), 1), else_=0)
    query = query.order_by(
        closed, *tier_first, DossierRow.due_on.is_(None), DossierRow.due_on, DossierRow.id
    )
    found = [full(session, catalogue, row, lang) for row in session.scalars(query.limit(PAGE))]
    return json_answer(request, DOSSIER_LIST.dump_json(found))


@router.get("/dossiers/{dossier_code}", response_model=Dossier)
def read_dossier(
    user: Citizen,
    session: SessionDependency,
    catalogue: CatalogueDependency,
    lang: Language,
    dossier_code: DossierCode,
) -> Dossier:
    """Return a dossier to its owner or its ward's staff (404 to anyone else)."""
    return full(session, catalogue, visible_dossier(session, user, dossier_code), lang)


@router.get("/track/{dossier_code}", response_model=TrackedDossier)
def track(
    response: Response,
    session: SessionDependency,
    catalogue: CatalogueDependency,
    lang: Language,
    dossier_code: DossierCode,
) -> TrackedDossier:
    """Return where a dossier stands to anyone holding its code: no names, answers or notes
    (kept out of shared caches: the code in the path is the key to it)."""
    response.headers["Cache-Control"] = "no-store"
    row = session.scalars(select(DossierRow).where(DossierRow.code == dossier_code)).first()
    if row is None:
        raise APIError(404, "not_found", "No dossier has this code.")
    return tracked(session, catalogue, row, lang)


@router.post("/dossiers/{dossier_code}/supplement", response_model=Dossier)
async def add_supplement(
    request: Request,
    user: Citizen,
    session: SessionDependency,
    catalogue: CatalogueDependency,
    lang: Language,
    dossier_code: DossierCode,
) -> Dossier:
    """Send what the ward asked for (multipart: `document:<code>` files, an optional note)."""
    row = await run_in_threadpool(visible_dossier, session, user, dossier_code)
    if row.user_id != user.id:
        raise APIError(403, "forbidden", "Only the dossier's owner adds to it.")
    uploads, note = await supplement_form(request)
    now = now_of(request)
    await run_in_threadpool(actions.supplement, session, catalogue, row, user, uploads, note, now)
    return await run_in_threadpool(full, session, catalogue, row, lang)


@router.post("/dossiers/{dossier_code}/supplement-at-office", response_model=Dossier)
async def add_supplement_at_office(
    request: Request,
    officer: WardOfficer,
    session: SessionDependency,
    catalogue: CatalogueDependency,
    lang: Language,
    dossier_code: DossierCode,
) -> Dossier:
    """The ward's officer: add what the ward asked for to a dossier filed for a visitor (no
    owner), brought to the office (multipart as /supplement; 403 has_owner for an owned one)."""
    row = await run_in_threadpool(ownerless_dossier, session, officer, dossier_code)
    uploads, note = await supplement_form(request)
    now = now_of(request)
    await run_in_threadpool(
        actions.supplement, session, catalogue, row, officer, uploads, office_note(note), now
    )
    return await run_in_threadpool(full, session, catalogue, row, lang)


async def supplement_form(request: Request) -> tuple[list[Upload], str | None]:
    """Read a supplement's multipart: `document:<code>` files and an optional note."""
    form = await read_form(request)
    try:
        return await uploads_of(form), text_field(form, "note", required=False)
    finally:
        await form.close()


def staff_action(action: StaffAction) -> None:
    """Add the POST route of one staff action on a dossier."""

    async def handle(
        request: Request,
        staff: Staff,
        session: SessionDependency,
        catalogue: CatalogueDependency,
        lang: Language,
        dossier_code: DossierCode,
        note: Note = None,
    ) -> Dossier:
        def work() -> Dossier:
            row = handled_dossier(session, staff, dossier_code)
            actions.act(session, catalogue, row, staff, action, note, now_of(request))
            return full(session, catalogue, row, lang)

        return await run_write(request, work)

    handle.__doc__ = f"Staff of the dossier's ward: {action.replace('_', ' ')} (with a note)."
    handle.__name__ = f"{action}_dossier"
    path = f"/dossiers/{{dossier_code}}/{action.replace('_', '-')}"
    router.add_api_route(path, handle, methods=["POST"], response_model=Dossier)


for _action in STAFF_ACTIONS:
    if _action != "approve":
        staff_action(_action)


@router.post("/dossiers/{dossier_code}/approve", response_model=Dossier)
async def approve_dossier(
    request: Request,
    staff: Staff,
    session: SessionDependency,
    catalogue: CatalogueDependency,
    lang: Language,
    dossier_code: DossierCode,
) -> Dossier:
    """Staff of the dossier's ward: approve it with its result document, a PDF sent as
    multipart (`result`, `note`), else one made from the dossier (JSON `{"note"}` or none)."""
    await run_in_threadpool(handled_dossier, session, staff, dossier_code)
    note, result = await approval_of(request)

    def work() -> Dossier:
        row = handled_dossier(session, staff, dossier_code)
        actions.act(session, catalogue, row, staff, "approve", note, now_of(request), result)
        return full(session, catalogue, row, lang)

    return await run_write(request, work)


@router.get(
    "/dossiers/{dossier_code}/result",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def download_result(
    user: Citizen, session: SessionDependency, dossier_code: DossierCode
) -> Response:
    """Return an approved dossier's result PDF to its owner or its ward's staff (404 to anyone
    else; 409 to them while there is none)."""
    row = visible_dossier(session, user, dossier_code)
    result = session.get(DossierResultRow, row.id)
    if result is None:
        raise APIError(409, "no_result", "This dossier has no result document yet.")
    return Response(
        result.content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{result.filename}"',
            "Cache-Control": "private, no-store",
        },
    )

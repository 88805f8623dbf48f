"""Dossiers read and added to: one's own list, the ward's inbox, one dossier, tracking by code
(no personal data), and the supplement (the owner's, or the officer's at the office)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import TypeAdapter
from sqlalchemy import case, select
from starlette.concurrency import run_in_threadpool

from hue_s.backend.accounts.deps import SessionDependency
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.conditional import NOT_MODIFIED, json_answer
from hue_s.modules.services.backend import actions
from hue_s.modules.services.backend.assisted import (
    office_note,
    ownerless_dossier,
)
from hue_s.modules.services.backend.dossiers import (
    STAFF_EVERYWHERE,
    Upload,
    full,
    tracked,
    visible_dossier,
)
from hue_s.modules.services.backend.models import DossierRow
from hue_s.modules.services.backend.routes.deps import (
    PAGE,
    CatalogueDependency,
    Citizen,
    DossierCode,
    Language,
    Staff,
    WardOfficer,
)
from hue_s.modules.services.backend.uploads import (
    read_form,
    text_field,
    uploads_of,
)
from hue_s.modules.services.wire import (
    Dossier,
    TrackedDossier,
)

router = APIRouter(prefix="/api/v1/services", tags=["services"])

TRACKED_LIST = TypeAdapter(list[TrackedDossier])
DOSSIER_LIST = TypeAdapter(list[Dossier])


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

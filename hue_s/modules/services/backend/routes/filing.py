"""Filing a dossier: a citizen's own, or a ward officer's for a visitor at the office."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from starlette.concurrency import run_in_threadpool

from hue_s.backend.accounts.deps import SessionDependency
from hue_s.backend.kernel.clock import now_of
from hue_s.modules.services.backend.assisted import (
    file_for_visitor,
    visitor_of,
)
from hue_s.modules.services.backend.dossiers import (
    Filing,
    file_dossier,
    full,
)
from hue_s.modules.services.backend.routes.deps import (
    CatalogueDependency,
    Citizen,
    Language,
    WardOfficer,
)
from hue_s.modules.services.backend.uploads import (
    answers_of,
    read_form,
    text_field,
    uploads_of,
)
from hue_s.modules.services.wire import (
    Dossier,
)

router = APIRouter(prefix="/api/v1/services", tags=["services"])


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

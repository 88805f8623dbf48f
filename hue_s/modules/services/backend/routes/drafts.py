"""A citizen's half-filled dossiers kept on the server, one per procedure."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from hue_s.backend.accounts.deps import SessionDependency
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.db import run_write
from hue_s.modules.services.backend.drafts import forget_draft, keep_draft, my_drafts, read_draft
from hue_s.modules.services.backend.routes.deps import (
    Citizen,
    ProcedureCode,
)
from hue_s.modules.services.wire_drafts import DraftBody, ServiceDraft

router = APIRouter(prefix="/api/v1/services", tags=["services"])


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

"""The ward's steps on a dossier (receive, ask for more, refuse, transfer, approve with its
result) and the result PDF's download."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from hue_s.backend.accounts.deps import SessionDependency
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.db import run_write
from hue_s.modules.services.backend import actions
from hue_s.modules.services.backend.dossiers import (
    full,
    handled_dossier,
    visible_dossier,
)
from hue_s.modules.services.backend.models import DossierResultRow
from hue_s.modules.services.backend.routes.deps import (
    CatalogueDependency,
    Citizen,
    DossierCode,
    Language,
    Note,
    Staff,
)
from hue_s.modules.services.backend.uploads import (
    approval_of,
)
from hue_s.modules.services.wire import (
    STAFF_ACTIONS,
    Dossier,
    StaffAction,
)

router = APIRouter(prefix="/api/v1/services", tags=["services"])


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

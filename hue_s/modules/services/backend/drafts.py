"""Server-side drafts: a signed-in person's half-filled dossier per procedure, their own only.

Blocking functions, run in a worker thread by the routes; a filed dossier's draft goes in the
filing's own transaction (`forget_draft`), a deleted account's by its foreign key.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.services.backend.models import DraftRow, ProcedureRow
from hue_s.modules.services.wire_drafts import MAX_DRAFT_BYTES, ServiceDraft


def wire_of(row: DraftRow) -> ServiceDraft:
    """Return a draft as the app reads it."""
    return ServiceDraft(
        procedure_code=row.procedure_code, draft=row.draft, updated_at=row.updated_at
    )


def own_draft(session: Session, user: User, procedure_code: str) -> DraftRow | None:
    """Return the caller's draft of a procedure, if any (nobody else's is ever found)."""
    query = select(DraftRow).where(DraftRow.user_id == user.id)
    return session.scalars(query.where(DraftRow.procedure_code == procedure_code)).first()


def read_draft(session: Session, user: User, procedure_code: str) -> ServiceDraft:
    """Return the caller's draft of a procedure (404 when there is none)."""
    row = own_draft(session, user, procedure_code)
    if row is None:
        raise APIError(404, "not_found", "No draft of this procedure.")
    return wire_of(row)


def my_drafts(session: Session, user: User) -> list[ServiceDraft]:
    """Return the caller's drafts, last changed first."""
    query = select(DraftRow).where(DraftRow.user_id == user.id)
    return [wire_of(row) for row in session.scalars(query.order_by(DraftRow.updated_at.desc()))]


def keep_draft(
    session: Session, user: User, procedure_code: str, draft: dict[str, Any], now: datetime
) -> ServiceDraft:
    """Keep (or replace) the caller's draft of a procedure (commits): 404 for a procedure the
    catalogue lacks, 413 for one larger than MAX_DRAFT_BYTES."""
    if len(json.dumps(draft, ensure_ascii=False).encode()) > MAX_DRAFT_BYTES:
        raise APIError(413, "too_large", "This draft is too large to keep.")
    if session.get(ProcedureRow, procedure_code) is None:
        raise APIError(404, "not_found", "No such procedure.")
    row = own_draft(session, user, procedure_code)
    if row is None:
        row = DraftRow(user_id=user.id, procedure_code=procedure_code, draft=draft, updated_at=now)
        session.add(row)
    else:
        row.draft, row.updated_at = draft, now
    try:
        session.commit()
    except IntegrityError:  # the same person's other device kept one a moment before
        session.rollback()
        row = own_draft(session, user, procedure_code) or row
        row.draft, row.updated_at = draft, now
        session.commit()
    return wire_of(row)


def forget_draft(session: Session, user_id: int, procedure_code: str) -> None:
    """Drop a person's draft of a procedure (without committing: part of the caller's work)."""
    session.execute(
        delete(DraftRow).where(
            DraftRow.user_id == user_id, DraftRow.procedure_code == procedure_code
        )
    )

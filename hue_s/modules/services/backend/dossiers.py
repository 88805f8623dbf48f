"""Dossiers: filing (once per Idempotency-Key), reading them as owner, staff or code holder.

Blocking functions, run in a worker thread by the routes.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.models import Ward
from hue_s.modules.services.backend.catalogue import Catalogue
from hue_s.modules.services.backend.deadlines import due_on, hue_date
from hue_s.modules.services.backend.drafts import forget_draft
from hue_s.modules.services.backend.fees import fee_status, online_fee
from hue_s.modules.services.backend.models import (
    DossierDocumentRow,
    DossierEventRow,
    DossierResultRow,
    DossierRow,
    ProcedureRow,
)
from hue_s.modules.services.wire import (
    Dossier,
    DossierDocument,
    TimelineEntry,
    TrackedDossier,
    form_problems,
    working_days,
)

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
STAFF_EVERYWHERE = ("operator", "admin")
"""Staff who see every ward's dossiers; officers see their own ward's only."""


@dataclass(frozen=True)
class Upload:
    """A checked document to store with a dossier."""

    evidence_code: str
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Filing:
    """What a citizen files: the procedure, the receiving ward, the answers, the documents."""

    procedure_code: str
    ward_code: str
    answers: dict[str, str]
    uploads: list[Upload]
    idempotency_key: str | None


def new_code(ward_code: str, moment: datetime) -> str:
    """Return a dossier code: ward, Huế date, and six random characters (hard to guess)."""
    tail = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"{ward_code}-{hue_date(moment):%y%m%d}-{tail}"


def check_filing(session: Session, catalogue: Catalogue, filing: Filing) -> int:
    """Refuse a filing the catalogue does not allow (422); return its processing days."""
    page = catalogue.page(filing.procedure_code, "en")
    if page is None or not page.online:
        raise APIError(422, "not_online", "This procedure cannot be filed online.")
    if session.get(Ward, filing.ward_code) is None:
        raise APIError(422, "unknown_ward", "No such ward.")
    problems = form_problems(page.form, filing.answers)
    if problems:
        listed = ", ".join(f"{name}: {problem}" for name, problem in sorted(problems.items()))
        raise APIError(422, "form_invalid", f"The form has problems: {listed}.")
    expected = {doc.code: doc for doc in page.documents if doc.online}
    given = {upload.evidence_code for upload in filing.uploads}
    if given - expected.keys():
        raise APIError(422, "unknown_document", "A document is not one this procedure asks for.")
    missing = [code for code, doc in expected.items() if doc.required and code not in given]
    if missing:
        raise APIError(422, "document_missing", f"Attach: {', '.join(missing)}.")
    online = [channel for channel in page.channels if channel.kind == "online"]
    return working_days(online[0].processing_time)


Earlier = Callable[[Session], DossierRow | None]
"""Finds the dossier already filed under a filing's Idempotency-Key, if any."""


def store_dossier(
    session: Session,
    catalogue: Catalogue,
    filing: Filing,
    now: datetime,
    *,
    whose: dict[str, Any],
    first_step: dict[str, Any],
    earlier: Earlier,
) -> tuple[DossierRow, bool]:
    """Store a new dossier (with `whose` columns), its documents and its first timeline entry
    (`first_step`), uncommitted; or return the one `earlier` finds. Says whether it is new."""
    found = earlier(session)
    if found is not None:
        return found, False
    days = check_filing(session, catalogue, filing)
    row = DossierRow(
        code=new_code(filing.ward_code, now),
        procedure_code=filing.procedure_code,
        ward_code=filing.ward_code,
        idempotency_key=filing.idempotency_key,
        answers=filing.answers,
        status="submitted",
        submitted_at=now,
        due_on=due_on(hue_date(now), days),
        updated_at=now,
        **whose,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # a twin with the same key committed first
        session.rollback()
        twin = earlier(session)
        if twin is None:
            raise
        return twin, False
    add_documents(session, row, filing.uploads)
    session.add(DossierEventRow(dossier_id=row.id, at=now, status="submitted", **first_step))
    return row, True


def file_dossier(
    session: Session, catalogue: Catalogue, user: User, filing: Filing, now: datetime
) -> tuple[DossierRow, bool]:
    """Store a citizen's new dossier and its first timeline entry (commits), dropping its
    draft; with a known Idempotency-Key, return the dossier filed under it instead. Says
    whether it is new."""
    row, new = store_dossier(
        session,
        catalogue,
        filing,
        now,
        whose={"user_id": user.id},
        first_step={"action": "submit"},
        earlier=lambda s: replayed(s, user, filing.idempotency_key),
    )
    if new:
        forget_draft(session, user.id, filing.procedure_code)  # filed: its draft goes with it
        session.commit()
    return row, new


def replayed(session: Session, user: User, key: str | None) -> DossierRow | None:
    """Return the user's dossier filed with this Idempotency-Key, if any."""
    if key is None:
        return None
    found = select(DossierRow).where(DossierRow.user_id == user.id)
    return session.scalars(found.where(DossierRow.idempotency_key == key)).first()


def add_documents(session: Session, row: DossierRow, uploads: list[Upload]) -> None:
    """Store checked documents with a dossier."""
    for upload in uploads:
        session.add(
            DossierDocumentRow(
                dossier_id=row.id,
                evidence_code=upload.evidence_code,
                filename=upload.filename[:200],
                content_type=upload.content_type,
                size=len(upload.content),
                content=upload.content,
            )
        )


def may_handle(user: User, row: DossierRow) -> bool:
    """Say whether staff handle a dossier: city-wide roles all, officers their ward's."""
    if user.role in STAFF_EVERYWHERE:
        return True
    return user.role == "officer" and user.ward_code == row.ward_code


def visible_dossier(session: Session, user: User, code: str) -> DossierRow:
    """Return a dossier its owner or its ward's staff ask for; 404 for anyone else."""
    row = session.scalars(select(DossierRow).where(DossierRow.code == code)).first()
    if row is None or (row.user_id != user.id and not may_handle(user, row)):
        raise APIError(404, "not_found", "No such dossier of yours.")
    return row


def handled_dossier(session: Session, user: User, code: str) -> DossierRow:
    """Return a dossier a staff member acts on: their ward's, or any for city-wide staff (the
    only ones once it is at the city tier); 404 for any other."""
    row = session.scalars(select(DossierRow).where(DossierRow.code == code)).first()
    if row is None or not may_handle(user, row):
        raise APIError(404, "not_found", "No such dossier in your ward.")
    if row.city_tier and user.role not in STAFF_EVERYWHERE:
        raise APIError(409, "at_city_tier", "The city tier handles this dossier now.")
    return row


def tracked(session: Session, catalogue: Catalogue, row: DossierRow, language: str) -> Any:
    """Return what a code holder sees of a dossier."""
    ward = session.get_one(Ward, row.ward_code)
    page = catalogue.page(row.procedure_code, language)
    return TrackedDossier(
        code=row.code,
        procedure_code=row.procedure_code,
        procedure_name=page.name if page else row.procedure_code,
        ward_name=ward.full_name if language == "vi" else ward.name_en,
        status=row.status,  # type: ignore[arg-type]
        submitted_at=row.submitted_at,
        due_on=row.due_on,
        timeline=[
            TimelineEntry(at=event.at, action=event.action, status=event.status)  # type: ignore[arg-type]
            for event in events_of(session, row)
        ],
        result_ready=session.scalar(  # not session.get: that would load the PDF
            select(DossierResultRow.dossier_id).where(DossierResultRow.dossier_id == row.id)
        )
        is not None,
    )


def full(session: Session, catalogue: Catalogue, row: DossierRow, language: str) -> Dossier:
    """Return the dossier as its owner and ward staff see it: answers, documents, notes."""
    public = tracked(session, catalogue, row, language)
    documents = session.scalars(
        select(DossierDocumentRow).where(DossierDocumentRow.dossier_id == row.id)
    )
    events = events_of(session, row)
    actors = {e.actor_id for e in events if e.actor_id and e.actor_id != row.user_id}
    staff = session.scalars(select(User).where(User.id.in_(actors))) if actors else ()
    names: dict[int, str] = {user.id: user.display_name or user.role for user in staff}
    timeline = [
        TimelineEntry(
            at=e.at,
            action=e.action,
            status=e.status,  # type: ignore[arg-type]
            note=e.note,
            by=names.get(e.actor_id or 0),
        )
        for e in events
    ]
    fee = online_fee(session.get_one(ProcedureRow, row.procedure_code).document)
    return Dossier(
        **public.model_dump(exclude={"timeline"}),
        timeline=timeline,
        receipt_number=row.receipt_number,
        online_fee_vnd=fee,
        fee_status=fee_status(session, row.code) if fee else None,
        ward_code=row.ward_code,
        answers=row.answers,
        city_tier=row.city_tier,
        filed_at_office=row.user_id is None,
        visitor_name=row.visitor_name,
        visitor_phone=row.visitor_phone,
        documents=[
            DossierDocument(
                id=d.id,
                evidence_code=d.evidence_code,
                filename=d.filename,
                content_type=d.content_type,
                size=d.size,
            )
            for d in documents
        ],
    )


def events_of(session: Session, row: DossierRow) -> list[DossierEventRow]:
    """Return a dossier's timeline, oldest first."""
    query = select(DossierEventRow).where(DossierEventRow.dossier_id == row.id)
    return list(session.scalars(query.order_by(DossierEventRow.at, DossierEventRow.id)))

"""What happens to a dossier: the ward's actions and the citizen's supplement, each on the
timeline with who and when. Blocking; the routes run them in a worker thread."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.models import Ward
from hue_s.modules.services.backend.catalogue import Catalogue
from hue_s.modules.services.backend.deadlines import due_on, hue_date
from hue_s.modules.services.backend.dossiers import Upload, add_documents
from hue_s.modules.services.backend.models import DossierEventRow, DossierRow, ReceiptCounterRow
from hue_s.modules.services.backend.results import (
    ResultFacts,
    ResultFile,
    checked_result,
    keep_result,
    page_count,
    result_pdf,
)
from hue_s.modules.services.form_export import answer_texts
from hue_s.modules.services.wire import (
    NOTE_REQUIRED,
    STAFF_ACTIONS,
    StaffAction,
    allowed_actions,
    working_days,
)


def act(
    session: Session, catalogue: Catalogue, row: DossierRow, user: User, action: StaffAction,
    note: str | None, now: datetime, result: ResultFile | None = None,
) -> None:  # fmt: skip
    """Apply a staff action to a dossier (commits); 409 from a status it cannot follow,
    422 without the note it needs (what to add, why it is refused). Approving issues the
    result document: the officer's PDF once checked, else one made. Transferring hands it to
    the city tier (wire.STAFF_ACTIONS and allowed_actions say what may follow what)."""
    allowed_from, status = STAFF_ACTIONS[action]
    if action in NOTE_REQUIRED and not (note or "").strip():
        raise APIError(422, "note_required", "Say what is missing or why it is refused.")
    if action not in allowed_actions(row.status, row.city_tier, city_staff=True):
        raise APIError(409, "wrong_status", f"A dossier that is {row.status} cannot be {action}d.")
    pages = checked_result(result) if result is not None and action == "approve" else 0
    claim(session, row, allowed_from, status, action)
    if action == "approve":
        issue_result(session, catalogue, row, result, pages, note, now)
    if action == "receive":
        row.receipt_number = receipt_number(session, row, now)
    if action == "request_supplement":
        row.due_on = None  # the clock stops while the citizen has the dossier
    record(session, row, user, action, status, note, now)


def supplement(
    session: Session, catalogue: Catalogue, row: DossierRow, user: User, uploads: list[Upload],
    note: str | None, now: datetime,
) -> None:  # fmt: skip
    """Take the citizen's supplement (commits): the documents, and the full time again."""
    if row.status != "supplement_requested":
        raise APIError(409, "wrong_status", "No supplement was asked for.")
    page = catalogue.page(row.procedure_code, "en")
    known = {doc.code for doc in page.documents} if page else set()
    if any(upload.evidence_code not in known for upload in uploads):
        raise APIError(422, "unknown_document", "A document is not one this procedure asks for.")
    add_documents(session, row, uploads)
    channel = next(c for c in page.channels if c.kind == "online") if page else None
    days = working_days(channel.processing_time) if channel else 1
    row.due_on = due_on(hue_date(now), days)
    status = "received" if row.receipt_number else "submitted"
    record(session, row, user, "supplement", status, note, now)


def record(
    session: Session, row: DossierRow, user: User, action: str, status: str, note: str | None,
    now: datetime,
) -> None:  # fmt: skip
    """Change the status and add the timeline entry (commits)."""
    row.status = status
    row.updated_at = now
    text = (note or "").strip()[:2000] or None
    session.add(
        DossierEventRow(
            dossier_id=row.id, at=now, action=action, status=status, note=text, actor_id=user.id
        )
    )
    session.commit()


def issue_result(
    session: Session, catalogue: Catalogue, row: DossierRow, result: ResultFile | None,
    pages: int, note: str | None, now: datetime,
) -> None:  # fmt: skip
    """Keep the officer's checked result, else make one from the dossier's facts."""
    if result is not None:
        keep_result(session, row, result.content, pages, generated=False, now=now)
        return
    owner = session.get(User, row.user_id) if row.user_id is not None else None
    page = catalogue.page(row.procedure_code, "vi")
    facts = ResultFacts(
        dossier_code=row.code,
        procedure_name=page.name if page else row.procedure_code,
        applicant=(owner.display_name or owner.phone) if owner else row.visitor_name or "",
        ward_name=session.get_one(Ward, row.ward_code).full_name,
        receipt_number=row.receipt_number or "",
        decided_at=now,
        note=(note or "").strip() or None,
        answers=tuple(answer_texts(page.form, row.answers)) if page else (),
    )
    made = result_pdf(facts)
    keep_result(session, row, made, page_count(made), generated=True, now=now)


def claim(
    session: Session, row: DossierRow, allowed_from: tuple[str, ...], status: str, action: str
) -> None:
    """Move the dossier from one of `allowed_from` to `status`, at the tier it was read at (a
    transfer: to the city tier), in one conditional UPDATE (409 when it is in no such status,
    or another officer's action moved it a moment ago)."""
    taken = session.execute(
        update(DossierRow)
        .where(DossierRow.id == row.id, DossierRow.status.in_(allowed_from))
        .where(DossierRow.city_tier == row.city_tier)
        .values(status=status, city_tier=row.city_tier or action == "transfer")
        .returning(DossierRow.id)
    ).scalar_one_or_none()
    if taken is None:
        session.rollback()
        session.refresh(row)
        raise APIError(409, "wrong_status", f"A dossier that is {row.status} cannot be {action}d.")


def receipt_number(session: Session, row: DossierRow, now: datetime) -> str:
    """Return the ward's next official receipt number of the year (số biên nhận), raised by
    one UPDATE of the ward's counter: unique even when officers receive at once."""
    year = hue_date(now).year
    last = raise_counter(session, row.ward_code, year)
    if last is None:  # the ward's first receipt of the year
        try:
            with session.begin_nested():
                session.add(ReceiptCounterRow(ward_code=row.ward_code, year=year, last=0))
        except IntegrityError:  # another officer's first receipt made it a moment ago
            pass
        last = raise_counter(session, row.ward_code, year)
    return f"{row.ward_code}-{last:05d}/{year}"


def raise_counter(session: Session, ward_code: str, year: int) -> int | None:
    """Add one to a ward's counter of the year; return it (None: no counter yet)."""
    return session.execute(
        update(ReceiptCounterRow)
        .where(ReceiptCounterRow.ward_code == ward_code, ReceiptCounterRow.year == year)
        .values(last=ReceiptCounterRow.last + 1)
        .returning(ReceiptCounterRow.last)
    ).scalar_one_or_none()
